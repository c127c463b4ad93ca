"""Demo site: locales, the page tree in Thai with English translations, site
settings, editorial groups with their permissions, the review workflow and the
demo accounts. Everything is looked up before it is created, so it can run
any number of times."""


from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.images import ImageFile
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.rich_text import RichText
from wagtail.users.models import UserProfile

from cms.base.models import FooterText, SiteSettings, StandardPage
from home.models import HomePage

# Demo only: these passwords are printed by load_demo and listed in the README.
DEMO_ACCOUNTS = {
    "admin": {"password": "demo-admin-2569", "groups": [], "superuser": True, "name": ("ผู้ดูแล", "ระบบ")},
    "editor": {"password": "demo-editor-2569", "groups": ["Editors"], "name": ("สมศรี", "บรรณาธิการ")},
    "newsdesk": {"password": "demo-newsdesk-2569", "groups": ["News team"], "name": ("มานพ", "ข่าวสาร")},
    "moderator": {"password": "demo-moderator-2569", "groups": ["Moderators"], "name": ("วิไล", "ตรวจทาน")},
    "translator": {"password": "demo-translator-2569", "groups": ["Translators"], "name": ("Anna", "Translator")},
    "intake": {"password": "demo-intake-2569", "groups": ["Case intake"], "name": ("ปรีชา", "รับเรื่อง")},
    "officer": {"password": "demo-officer-2569", "groups": ["Case officers"], "name": ("สุดา", "ดำเนินการ")},
    "officer2": {"password": "demo-officer2-2569", "groups": ["Case officers"], "name": ("อนันต์", "ดำเนินการ")},
    "supervisor": {"password": "demo-supervisor-2569", "groups": ["Case supervisors"], "name": ("ประเสริฐ", "หัวหน้างาน")},
    "clerk": {"password": "demo-clerk-2569", "groups": ["Legislative staff"], "name": ("กมล", "นิติบัญญัติ")},
}

GROUP_DESCRIPTIONS = {
    "Editors": "write pages and news anywhere on the site; submit them for review",
    "News team": "write news only; submit it for review",
    "Moderators": "approve or reject submitted pages, publish, lock and unlock",
    "Translators": "translate pages into English with wagtail-localize",
    "Case intake": "screen new complaints and suggestions",
    "Case officers": "work the cases of their department",
    "Case supervisors": "assign, reassign and oversee cases; see sealed identities",
    "Legislative staff": "keep bills, committees, sittings and votes up to date; move bills through their stages",
}

HOME = {
    "th": {
        "title": "จันทรา — ประตูสู่วุฒิสภา",
        "introduction": (
            "รัฐธรรมนูญทุกฉบับตั้งแต่ พ.ศ. ๒๔๗๕ การประชุมวุฒิสภา ร่างกฎหมาย ข่าวสาร "
            "และช่องทางร้องเรียนและเสนอแนะ ครบในที่เดียว"
        ),
    },
    "en": {
        "title": "Chandra — your door to the Senate",
        "introduction": (
            "Every Thai constitution since 1932, Senate sittings, bills, news, and a channel "
            "for complaints and suggestions, all in one place."
        ),
    },
}

TILES = [
    "constitutions", "sittings", "live", "regulations", "bills", "committee_bills", "academic",
    "documents", "glossary", "archive", "complaints", "directory", "travel", "news", "search",
]
LINK_TILES = [
    ("senate", "เว็บไซต์วุฒิสภา", "Senate website", "https://www.senate.go.th/", "senate"),
    ("facebook", "เฟซบุ๊กวุฒิสภา", "The Senate on Facebook", "https://www.facebook.com/senate.go.th", "facebook"),
    ("youtube", "ถ่ายทอดสดการประชุม", "Live broadcasts", "https://www.youtube.com/@senatethailand", "youtube"),
]


def load(*, stdout):
    th, en = _locales()
    home_th, home_en = _home_pages(th, en)
    _about_pages(home_th, en)
    _site_settings(home_th)
    groups = _groups(home_th, home_en)
    _workflow(home_th, groups["Moderators"])
    _accounts(groups)
    stdout.write("  site tree, settings, groups, workflow and demo accounts ready")


def _locales():
    th, _ = Locale.objects.get_or_create(language_code="th")
    en, _ = Locale.objects.get_or_create(language_code="en")
    return th, en


def publish(page, user=None):
    page.save_revision(user=user, log_action=True).publish(user=user)
    return page


def ensure_child(parent, model, *, slug, **fields):
    """The child page of ``parent`` with this slug, created and published if missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    return publish(page)


def ensure_translation(page, locale, **fields):
    """The translation of ``page`` into ``locale``: copied, filled in and published."""
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    translated = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save()
    return publish(translated)


def _home_pages(th, en):
    root = Page.get_first_root_node()
    home_th = HomePage.objects.filter(locale=th).first()
    if home_th is None:
        home_th = HomePage(slug="chandra", locale=th, **HOME["th"])
        root.add_child(instance=home_th)
        publish(home_th)
    tiles = [("service", {"service": key, "title": "", "description": ""}) for key in TILES]
    if not home_th.tiles:
        home_th.tiles = tiles + [
            ("link", {"title": title_th, "description": "", "url": url, "icon": icon})
            for _key, title_th, _title_en, url, icon in LINK_TILES
        ]
        publish(home_th)

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(hostname="localhost", port=80, root_page=home_th, is_default_site=True, site_name="Chandra")
    if site.root_page_id != home_th.pk:
        old_root = site.root_page
        site.root_page = home_th
        site.site_name = "Chandra"
        site.save()
        # Wagtail's placeholder "Welcome" page is no longer reachable.
        if old_root.specific_class is Page and old_root.depth == 2:
            old_root.delete()

    home_en = ensure_translation(home_th, en, **HOME["en"])
    if home_en.title != HOME["en"]["title"] or any(
        block.block_type == "link" and block.value["title"] == LINK_TILES[0][1] for block in home_en.tiles
    ):
        home_en.title = HOME["en"]["title"]
        home_en.tiles = tiles + [
            ("link", {"title": title_en, "description": "", "url": url, "icon": icon})
            for _key, _title_th, title_en, url, icon in LINK_TILES
        ]
        publish(home_en)
    return home_th, home_en


def _senate_sections():
    """Real text of the Senate's composition and term from the 2560 constitution."""
    from cms.laws.importer import read_jsonl
    from cms.laws.services import legal_text_path

    wanted = {"107", "109"}
    found = {}
    for _line, record in read_jsonl(legal_text_path("constitution_2560_sections.jsonl")):
        if record["section"] in wanted:
            found[record["section"]] = record
    return [found[number] for number in sorted(found, key=int)]


def _about_pages(home_th, en):
    body_th = [
        ("paragraph", RichText(
            "<p>วุฒิสภาเป็นสภาหนึ่งในรัฐสภาไทย ทำหน้าที่กลั่นกรองร่างกฎหมาย ให้ความเห็นชอบบุคคลในองค์กรอิสระ "
            "และติดตามการทำงานของฝ่ายบริหาร สำนักงานเลขาธิการวุฒิสภาสนับสนุนงานของวุฒิสภาและเปิดช่องทางให้ประชาชนเข้าถึงข้อมูล</p>"
        )),
        ("heading", {"text": "ที่มาตามรัฐธรรมนูญ", "level": "h2"}),
    ]
    body_en = [
        ("paragraph", RichText(
            "<p>The Senate is one of the two houses of the Thai National Assembly. It scrutinises bills, approves "
            "appointments to independent organs and follows the work of the executive. The Secretariat of the Senate "
            "supports its work and opens its information to the public.</p>"
        )),
        ("heading", {"text": "In the Constitution", "level": "h2"}),
    ]
    for record in _senate_sections():
        quote = " ".join(record["paragraphs"])
        body_th.append(("quote", {"text": quote, "attribution": f"รัฐธรรมนูญแห่งราชอาณาจักรไทย พุทธศักราช ๒๕๖๐ มาตรา {record['section_th']}"}))
        body_en.append(("quote", {"text": quote, "attribution": f"Constitution of the Kingdom of Thailand B.E. 2560 (2017), section {record['section']} (Thai original)"}))

    about = ensure_child(
        home_th, StandardPage, slug="about", title="เกี่ยวกับวุฒิสภา", show_in_menus=True,
        introduction="บทบาทและหน้าที่ของวุฒิสภาตามรัฐธรรมนูญ", body=body_th,
    )
    ensure_translation(about, en, title="About the Senate", introduction="The role of the Senate under the Constitution.", body=body_en)

    privacy = ensure_child(
        home_th, StandardPage, slug="privacy", title="ประกาศความเป็นส่วนตัว",
        introduction="สำนักงานเลขาธิการวุฒิสภาเก็บ ใช้ และเปิดเผยข้อมูลส่วนบุคคลตามพระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. ๒๕๖๒",
        body=[("paragraph", RichText(
            "<p>ข้อมูลที่ท่านให้เมื่อยื่นเรื่องร้องเรียนหรือข้อเสนอแนะ ใช้เพื่อพิจารณาและติดต่อกลับเรื่องของท่านเท่านั้น "
            "เจ้าหน้าที่ที่ได้รับมอบหมายเท่านั้นที่เห็นตัวตนของผู้ร้องเรียน ทุกครั้งที่มีการเปิดดูจะถูกบันทึกไว้ "
            "ท่านร้องเรียนโดยไม่ระบุตัวตนได้ และข้อมูลส่วนบุคคลจะถูกทำให้ไม่สามารถระบุตัวตนได้เมื่อพ้นระยะเวลาเก็บรักษา</p>"
        ))],
    )
    # Left untranslated on purpose: English readers get the Thai original with a notice.
    return about, privacy


def _site_settings(home_th):
    site = Site.objects.get(root_page=home_th)
    site_settings = SiteSettings.for_site(site)
    site_settings.phone = site_settings.phone or "0 2831 9999"
    site_settings.email = site_settings.email or "saraban@senate.go.th"
    site_settings.senate_website = site_settings.senate_website or "https://www.senate.go.th/"
    site_settings.facebook_url = site_settings.facebook_url or "https://www.facebook.com/senate.go.th"
    site_settings.facebook_secretariat_url = site_settings.facebook_secretariat_url or "https://www.facebook.com/secretariat.senate"
    site_settings.youtube_url = site_settings.youtube_url or "https://www.youtube.com/@senatethailand"
    site_settings.save()

    th, en = Locale.objects.get(language_code="th"), Locale.objects.get(language_code="en")
    footer = FooterText.objects.filter(locale=th).first()
    if footer is None:
        footer = FooterText.objects.create(
            locale=th,
            body="<p>สำนักงานเลขาธิการวุฒิสภา<br>อาคารรัฐสภา ๑๑๑๑ ถนนสามเสน แขวงถนนนครไชยศรี เขตดุสิต กรุงเทพมหานคร ๑๐๓๐๐</p>",
        )
    if footer.get_translation_or_none(en) is None:
        translated = footer.copy_for_translation(en)
        translated.body = (
            "<p>Secretariat of the Senate<br>Parliament House, 1111 Samsen Road, Thanon Nakhon Chai Si, "
            "Dusit, Bangkok 10300</p>"
        )
        translated.save()


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _page_permissions(group, page, codenames):
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=_permission("wagtailcore", f"{codename}_page")
        )


def _collection_permissions(group, codenames):
    root = Collection.get_first_root_node()
    for app_label, codename in codenames:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=_permission(app_label, codename)
        )


def _groups(home_th, home_en):
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in GROUP_DESCRIPTIONS}
    admin_access = _permission("wagtailadmin", "access_admin")
    for group in groups.values():
        group.permissions.add(admin_access)

    media = [
        ("wagtailimages", "add_image"), ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"), ("wagtaildocs", "choose_document"),
    ]
    # Editors: draft anywhere, never publish; the workflow sends their work to moderators.
    _page_permissions(groups["Editors"], home_th, ["add", "change", "lock"])
    _page_permissions(groups["Editors"], home_en, ["add", "change", "lock"])
    _collection_permissions(groups["Editors"], media + [("wagtailimages", "change_image"), ("wagtaildocs", "change_document")])
    # Moderators: approve and publish everywhere.
    for home in (home_th, home_en):
        _page_permissions(groups["Moderators"], home, ["add", "change", "publish", "lock", "unlock"])
    _collection_permissions(groups["Moderators"], media + [("wagtailimages", "change_image"), ("wagtaildocs", "change_document")])
    # The news team works only under the news index pages (set by cms.news.demo).
    _collection_permissions(groups["News team"], media)
    # Translators: the English tree, and wagtail-localize's translation permission.
    # Thai content is approved before it is translated; translators publish the translation.
    _page_permissions(groups["Translators"], home_en, ["add", "change", "publish", "lock"])
    groups["Translators"].permissions.add(_permission("wagtail_localize", "submit_translation"))
    for codename in ("add_newscategory", "change_newscategory"):
        groups["Editors"].permissions.add(_permission("news", codename))
        groups["Moderators"].permissions.add(_permission("news", codename))
    groups["Moderators"].permissions.add(_permission("wagtail_localize", "submit_translation"))
    return groups


REVIEW_TASK = "ตรวจทานโดยผู้ตรวจทาน"
REVIEW_WORKFLOW = "ตรวจทานและเผยแพร่"


def _workflow(home_th, moderators):
    """One "review and publish" workflow on the whole public tree: editors
    submit, moderators approve (publishing it) or request changes with a comment."""
    task = _named(GroupApprovalTask, REVIEW_TASK)
    task.groups.set([moderators])
    workflow = _named(Workflow, REVIEW_WORKFLOW)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task.task_ptr, defaults={"sort_order": 0})
    root = Page.get_first_root_node()
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    for page in home_th.get_translations(inclusive=True):
        WorkflowPage.objects.filter(page=page).exclude(workflow=workflow).update(workflow=workflow)
    # Wagtail's own default workflow is replaced, not left to confuse editors.
    Workflow.objects.exclude(pk=workflow.pk).update(active=False)


def _named(model, name):
    """The ``model`` row named ``name`` (in Thai only, as the admin shows it, "ส่งไปยัง
    ตรวจทานและเผยแพร่"): found by its name's start, so a longer name is shortened to it."""
    row = model.objects.filter(name__startswith=name).first() or model.objects.create(name=name)
    if row.name != name:
        row.name = name
        row.save(update_fields=["name"])
    return row


def _accounts(groups):
    User = get_user_model()
    for username, spec in DEMO_ACCOUNTS.items():
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, email=f"{username}@demo.chandra.invalid")
            user.set_password(spec["password"])
        user.first_name, user.last_name = spec["name"]
        user.is_staff = spec.get("superuser", False)
        user.is_superuser = spec.get("superuser", False)
        user.save()
        user.groups.set([groups[name] for name in spec["groups"]])
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "en" if username == "translator" else "th"
        profile.save()


def print_accounts(stdout):
    stdout.write("\nDemo accounts (for the demo only; never use these passwords elsewhere):")
    for username, spec in DEMO_ACCOUNTS.items():
        role = "superuser" if spec.get("superuser") else ", ".join(spec["groups"])
        stdout.write(f"  {username:<11} {spec['password']:<22} {role}")
    stdout.write("Log in at http://127.0.0.1:8000/admin/")


def demo_image(title, *, path):
    """An illustration drawn by the project (see bin/draw_news_images.py), as a Wagtail image."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    image = Image(title=title)
    with open(path, "rb") as handle:
        image.file = ImageFile(handle, name=path.name)
        image.save()
    return image
