"""Demo content for search: the common Thai legal and parliamentary abbreviations,
then a full index rebuild (run after laws and news are loaded)."""

from django.core.management import call_command

# Abbreviations in everyday use in Thai legal and parliamentary writing.
ABBREVIATIONS = [
    ("รธน.", "รัฐธรรมนูญ"),
    ("พ.ร.บ.", "พระราชบัญญัติ"),
    ("พ.ร.ก.", "พระราชกำหนด"),
    ("พ.ร.ฎ.", "พระราชกฤษฎีกา"),
    ("พ.ร.ป.", "พระราชบัญญัติประกอบรัฐธรรมนูญ"),
    ("ป.พ.พ.", "ประมวลกฎหมายแพ่งและพาณิชย์"),
    ("ป.อ.", "ประมวลกฎหมายอาญา"),
    ("ป.วิ.พ.", "ประมวลกฎหมายวิธีพิจารณาความแพ่ง"),
    ("ป.วิ.อ.", "ประมวลกฎหมายวิธีพิจารณาความอาญา"),
    ("ป.รัษฎากร", "ประมวลรัษฎากร"),
    ("ส.ว.", "สมาชิกวุฒิสภา"),
    ("ส.ส.", "สมาชิกสภาผู้แทนราษฎร"),
    ("ครม.", "คณะรัฐมนตรี"),
    ("กกต.", "คณะกรรมการการเลือกตั้ง"),
    ("ป.ป.ช.", "คณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ"),
    ("กสม.", "คณะกรรมการสิทธิมนุษยชนแห่งชาติ"),
    ("สตง.", "สำนักงานการตรวจเงินแผ่นดิน"),
    ("กมธ.", "คณะกรรมาธิการ"),
    ("ศาล รธน.", "ศาลรัฐธรรมนูญ"),
    ("สนช.", "สภานิติบัญญัติแห่งชาติ"),
    ("ผบ.", "ผู้บัญชาการ"),
    ("ม.", "มาตรา"),
    ("พ.ศ.", "พุทธศักราช"),
    ("ค.ศ.", "คริสต์ศักราช"),
    ("ร.ศ.", "รัตนโกสินทรศก"),
    ("อบจ.", "องค์การบริหารส่วนจังหวัด"),
    ("อบต.", "องค์การบริหารส่วนตำบล"),
    ("อปท.", "องค์กรปกครองส่วนท้องถิ่น"),
    ("กทม.", "กรุงเทพมหานคร"),
    ("นายกฯ", "นายกรัฐมนตรี"),
    ("คสช.", "คณะรักษาความสงบแห่งชาติ"),
    # Synonyms are kept the same way: the everyday word, then the law's wording.
    ("แก้รัฐธรรมนูญ", "แก้ไขเพิ่มเติมรัฐธรรมนูญ"),
    ("บ้าน", "เคหสถาน"),
    ("หมายศาล", "หมายของศาล"),
    ("ประกันตัว", "ปล่อยชั่วคราว"),
    ("ติดคุก", "จำคุก"),
    ("คุก", "เรือนจำ"),
    ("ทนาย", "ทนายความ"),
    ("ตัดสิน", "วินิจฉัย"),
    ("เขียนไว้", "บัญญัติ"),
    ("เกณฑ์ทหาร", "รับราชการทหาร"),
    ("พระสงฆ์", "ภิกษุ"),
    ("กาบัตร", "ใช้สิทธิเลือกตั้ง"),
    ("ลงสมัคร", "สมัครรับเลือกตั้ง"),
    ("โหวตโน", "ไม่เลือกผู้ใด"),
    ("โหวต", "ลงมติ"),
    ("ใบส้ม", "ระงับสิทธิสมัครรับเลือกตั้ง"),
    ("ใบแดง", "เพิกถอนสิทธิสมัครรับเลือกตั้ง"),
    ("แปรรูป", "กรรมสิทธิ์ของเอกชน"),
    ("ไฟฟ้า", "สาธารณูปโภค"),
    ("ประปา", "สาธารณูปโภค"),
    ("คนแก่", "ผู้สูงอายุ"),
    ("คนชรา", "ผู้สูงอายุ"),
    ("คนจน", "ผู้ยากไร้"),
    ("นักการเมือง", "ผู้ดำรงตำแหน่งทางการเมือง"),
    ("รัฐบาล", "คณะรัฐมนตรี"),
    ("รักษาการ", "ปฏิบัติหน้าที่ต่อไป"),
    ("บอร์ด", "กรรมการ"),
    ("เกษียณ", "อายุครบ"),
    ("ม็อบ", "ชุมนุม"),
    ("ประท้วง", "ชุมนุม"),
    ("นายก อบจ.", "ผู้บริหารท้องถิ่น"),
    ("นายก อบต.", "ผู้บริหารท้องถิ่น"),
    ("นายกเทศมนตรี", "ผู้บริหารท้องถิ่น"),
    ("ขึ้นศาล", "ฟ้องคดี"),
    ("โดนจับ", "ถูกจับ"),
    ("ต่างด้าว", "คนต่างด้าว"),
    ("ภาษี", "ภาษีอากร"),
    ("เงินเดือน", "ค่าตอบแทน"),
    ("ข้าราชการ", "เจ้าหน้าที่ของรัฐ"),
]


def seed_abbreviations() -> int:
    from .analysis import clear_abbreviation_cache
    from .models import Abbreviation

    created = 0
    for abbreviation, expansion in ABBREVIATIONS:
        _, was_created = Abbreviation.objects.get_or_create(abbreviation=abbreviation, defaults={"expansion": expansion})
        created += was_created
    clear_abbreviation_cache()
    return created


def load(*, stdout) -> None:
    created = seed_abbreviations()
    stdout.write(f"search: {created} abbreviations added ({len(ABBREVIATIONS)} in the demo list)")
    call_command("rebuild_search_index", stdout=stdout)
    # Wagtail's own index (the admin's search) is kept by the task worker as pages are saved;
    # the demo fills it now, with the abbreviations above, so it works before a worker runs.
    call_command("update_index", verbosity=0)
    stdout.write("search: Wagtail's index updated")
