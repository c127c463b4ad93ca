from cms.library.thaitext import clean, has_text


def test_private_use_area_marks_become_thai():
    assert clean("ค\uf70bาน ก\uf701น") == "ค้าน กิน"


def test_sara_am_and_tone_order_are_fixed():
    assert clean("ต\u0e4d\u0e32") == "ตำ"
    assert clean("ก\u0e48\u0e34") == "กิ่"


def test_letter_spaced_and_broken_words_are_joined():
    assert clean("ก า ร ป ร ะ ชุ ม") == "การประชุม"
    assert clean("เ ป็ นการป ระ ชุม") == "เป็นการประชุม"


def test_two_real_words_and_names_stay_apart():
    assert clean("การ ประชุม สมชาย ใจดี") == "การ ประชุม สมชาย ใจดี"


def test_lines_of_a_paragraph_join_without_space_between_thai():
    assert clean("ร่างพระราช\nบัญญัติ\n\nhyphen-\nated words") == "ร่างพระราชบัญญัติ\n\nhyphenated words"


def test_doubled_clusters_of_chromium_pdfs_are_removed():
    assert clean("ช่วช่ ยให้ร่าง บัญญัติญั ติ ใช้จ่จ่าย") == "ช่วยให้ร่าง บัญญัติ ใช้จ่าย"


def test_thai_digits_are_kept_as_written():
    assert clean("ปี ๒๕๖๗") == "ปี ๒๕๖๗"


def test_has_text():
    assert not has_text(" . , ")
    assert has_text("ข้อความยาวพอที่จะเป็นชั้นข้อความจริง")


def test_a_word_broken_after_a_long_run_is_joined():
    assert clean("ต่อสาธารณะอย่างสม่ำ เสมอ") == "ต่อสาธารณะอย่างสม่ำเสมอ"
    assert clean("สรุปสาระสำ คัญ เรื่อง การกระจายอำ นาจ") == "สรุปสาระสำคัญ เรื่อง การกระจายอำนาจ"
