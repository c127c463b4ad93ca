"""Following by e-mail without an account: the form, the confirmation link, the manage page
(reached by a signed link) and one-click unsubscribe (RFC 8058)."""

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from cms.records.models import Subscription

from . import services
from .forms import FollowForm, SubscriptionForm
from .topics import resolve


@require_http_methods(["GET", "POST"])
def follow(request):
    """The follow form (it also sits on bill and committee pages, posting here)."""
    form = FollowForm(request.POST or None, initial={"feed": request.GET.get("feed", ""),
                                                     "language": translation.get_language()})
    topic = resolve(request.POST.get("feed") or request.GET.get("feed", ""))
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_request(email=form.cleaned_data["email"], feed_key=form.cleaned_data["feed"],
                                    language=form.cleaned_data["language"],
                                    frequency=form.cleaned_data["frequency"])
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            return render(request, "follows/check_mail.html", {"topic": topic, "email": form.cleaned_data["email"]})
    status = 400 if request.method == "POST" else (200 if topic else 404)
    return render(request, "follows/follow.html", {"form": form, "topic": topic}, status=status)


@never_cache
def confirm(request, token):
    try:
        follower = services.follow_confirm(token=token)
    except signing.BadSignature:
        return render(request, "follows/bad_link.html", status=400)
    messages.success(request, _("Your address is confirmed. You will be told when what you follow changes."))
    return redirect("follows:manage", token=services.tokens.manage_token(follower=follower))


@never_cache
@require_http_methods(["GET", "POST"])
def manage(request, token):
    try:
        follower = services.follower_from_manage(token=token)
    except signing.BadSignature:
        return render(request, "follows/bad_link.html", status=400)
    if request.method == "POST":
        if "forget" in request.POST:
            services.follower_forget(follower=follower)
            return render(request, "follows/forgotten.html")
        form = SubscriptionForm(request.POST)
        if not form.is_valid():
            return HttpResponseBadRequest(_("The change could not be read."))
        try:
            services.subscription_update(follower=follower, subscription_id=form.cleaned_data["subscription"],
                                         frequency=form.cleaned_data["frequency"], active=form.cleaned_data["active"])
        except Subscription.DoesNotExist:
            return HttpResponseBadRequest(_("The change could not be read."))
        messages.success(request, _("Saved."))
        return redirect(request.path)
    subscriptions = [
        (subscription, resolve(subscription.feed.key), SubscriptionForm(initial={
            "subscription": subscription.pk, "frequency": subscription.frequency, "active": subscription.active}))
        for subscription in follower.subscriptions.select_related("feed").order_by("pk")
    ]
    return render(request, "follows/manage.html", {"follower": follower, "subscriptions": subscriptions})


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET shows a button (link scanners must not unsubscribe anyone); POST unsubscribes,
    which is also what a mail client's one-click unsubscribe (RFC 8058) sends."""
    if request.method == "GET":
        try:
            services.check_unsubscribe(token=token)
        except signing.BadSignature:
            return render(request, "follows/bad_link.html", status=400)
        return render(request, "follows/unsubscribe.html")
    try:
        subscription = services.unsubscribe(token=token)
    except signing.BadSignature:
        return HttpResponse(_("This link is not valid."), status=400, content_type="text/plain; charset=utf-8")
    return render(request, "follows/unsubscribed.html", {"topic": resolve(subscription.feed.key),
                                                         "subscription": subscription})


