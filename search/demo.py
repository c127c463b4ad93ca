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
    # Synonyms are kept the same way: the short everyday form, then the law's wording.
    ("แก้รัฐธรรมนูญ", "แก้ไขเพิ่มเติมรัฐธรรมนูญ"),
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
    call_command("update_index", verbosity=0)
    stdout.write("search: index rebuilt")
