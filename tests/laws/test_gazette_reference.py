"""The Royal Gazette reference shown to readers carries no English remark of the
catalogue's transcriber; the remark goes with the source for editors."""

from cms.laws.services import split_gazette


def test_an_english_remark_is_split_off_and_its_date_kept():
    shown, remark = split_gazette(
        "ราชกิจจานุเบกษา เล่ม ๖๓/ตอนที่ ๓๐/หน้า ๓๑๘/(date as transcribed by RzSyn: ๒๐ พฤษภาคม ๒๔๘๙)")
    assert shown == "ราชกิจจานุเบกษา เล่ม ๖๓/ตอนที่ ๓๐/หน้า ๓๑๘/๒๐ พฤษภาคม ๒๔๘๙"
    assert remark == "date as transcribed by RzSyn: ๒๐ พฤษภาคม ๒๔๘๙"


def test_a_thai_reference_is_left_as_it_is():
    for reference in ("ราชกิจจานุเบกษา เล่ม ๑๓๔/ตอนที่ ๔๐ ก/หน้า ๑/๖ เมษายน ๒๕๖๐",
                      "เล่ม ๔๙/-/หน้า ๕๒๙/๑๐ ธันวาคม ๒๔๗๕ (ฉบับพิเศษ)", ""):
        assert split_gazette(reference) == (reference, "")
