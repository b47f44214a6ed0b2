// Package vntext normalises Vietnamese text read from spreadsheet cells and
// repairs text typed in the legacy 8-bit encodings TCVN3 (ABC) and
// VNI-Windows. It implements the "Reading rules that apply everywhere" of
// spec/form-v1.md.
//
// # Normalisation
//
// Clean gives the display form: NFC; zero-width, bidi and other control
// characters removed; every run of white space (including NBSP, line breaks
// and the other Unicode White_Space characters) collapsed to one ASCII space;
// trimmed. Invalid UTF-8 bytes become U+FFFD. U+00AD SOFT HYPHEN is kept on
// purpose: it is the TCVN3 code of "ư", so Repair must run on the raw cell
// text before Clean.
//
// Fold gives the matching key: Clean, Unicode lower case, then one canonical
// tone placement for the open syllables oa, oe, uy. The canonical placement
// is the tone on the FIRST vowel — "hòa", "thỏa", "khỏe", "ủy" — because that
// is how the specification spells its canonical labels ("Thỏa thuận hợp
// tác"), so a folded label reads like the label. A pair is moved only when it
// ends the word (next rune neither a letter nor a combining mark) and starts
// the rhyme (previous rune not a vowel, not a mark, and not "q" for uy):
// "hoàn", "quý", "khoái", "ngoài", "khuỷu" are untouched. Misplaced tones in
// other syllables ("hòan") are not corrected: they do not match. Key is Fold
// with every space removed, for identifiers such as agreement numbers; it is
// not idempotent in the pathological case of a combining mark right after a
// space, which does not matter for comparing keys.
//
// Clean, Fold and Key return their argument without allocating when it is
// already clean/folded (ASCII or NFC Unicode): see the benchmarks.
//
// # Legacy encodings
//
// In an .xlsx file, legacy text shows up as the Windows-1252 characters of its
// bytes ("Tæng c«ng ty", "Toång coâng ty"). Both tables use only bytes
// 0xA1..0xFF, where Windows-1252 and Latin-1 agree, so a rune in that range is
// its byte; runes for bytes 0x80..0x9F (cp1252 punctuation or U+0080..U+009F)
// are recognised as legacy-representable but never decoded.
//
// TCVN3: the table is glibc's TCVN5712-1 (iconv) restricted to the ABC
// repertoire — the 67 lower-case letters and the capitals Ă Â Ê Ô Ơ Ư Đ. The
// VN1 extras glibc also decodes (toned capitals at 0x80..0x9F, C0 positions
// and a few A0..FF positions, combining tone marks at 0xB0..0xB4) are left as
// they are: ABC fonts have no such codes and those bytes are ordinary
// punctuation there (“ ” – …). Toned capitals are written with the lower-case
// codes in the capitals fonts (.VnTimeH): DecodeTCVN3(s, true) upper-cases.
//
// VNI-Windows: a base letter followed by a mark byte — tone only (ù ø û õ ï),
// circumflex+tone (â á à å ã ä), breve+tone (ê é è ú ü ë), capitals 0x20
// lower — while đ ơ ư, the toned i's and ỵ have bytes of their own (ñ ô ö,
// í ì æ ó ò, î). The case of a combined letter follows its base ("Ñaûng" →
// "Đảng"). A mark that does not apply to the preceding letter is kept.
//
// # Detection (DetectLegacy, Repair)
//
//  1. Text containing any character that no Windows-1252 byte produces
//     (ư, ạ, đ, Ω, …) is Unicode: None. So is text without non-ASCII
//     characters, except in a capitals font (below).
//  2. With a legacy font name (".Vn*" → TCVN3, names ending in "H" are the
//     capitals fonts; "VNI-*" → VNI) the font decides: the text is in that
//     encoding when decoding changes it. The font is what the user saw,
//     including for Latin-1-only Unicode typed in a legacy font ("Tây" in
//     .VnTime displays "Tõy"). Lower-case ASCII in .VnTimeH counts (it shows
//     as capitals).
//  3. Without one, the text is split into words (ASCII letters and
//     U+00A1..U+00FF) and each word with non-ASCII characters that the
//     candidate decoding changes is classified by a structural Vietnamese
//     syllable check (onset, known vowel cluster, final consonant allowed by
//     it, one tone at most, only sắc/nặng before c ch p t; 2–6 consonant
//     abbreviations such as "QĐ" also pass once decoded):
//     evidence = invalid as is, valid decoded; ambiguous = valid both ways
//     (ignored: "Tây", "Cã"); counter = invalid decoded (Western words).
//     An evidence word weighs 2 when it holds a code Western words never
//     contain (TCVN3: codes below 0xC0 such as « § ¶ µ, and × ÷; VNI: a
//     circumflex or breve mark after a vowel it applies to, "oâ"), else 1.
//     An encoding is flagged when evidence ≥ 1, and at least one evidence
//     word decodes to ≥ 2 letters or there are ≥ 2 evidence words, and the
//     weighted evidence exceeds the counter count. If both encodings are
//     flagged ("Tæng": TCVN3 "Tổng", VNI "Tỉng"), the reading with more
//     syllables from a small hand-written list of common Vietnamese
//     syllables (common.go) wins, then the larger (weight − counter), then
//     the larger weight; a full tie is None.
//
// Known limits: a cell whose legacy form is itself made of plausible
// syllables cannot be detected without a font ("Cã" = TCVN3 "Có", "Céng" =
// "Cộng", "Toát" = VNI "Tốt", "Trong Khoái" = "Trong Khối"). Where the
// expected values are known (labels, enumerations), MatchLegacy catches
// these: it checks whether a legacy reading of the cell equals one of them;
// corpus_test.go runs all the labels and enumeration values of the spec
// through both encodings; a lone Western word that happens to decode to a Vietnamese
// syllable can be flagged ("tôt" → "tụt", "µm" → "àm"); "où" is not (one
// decoded letter only), nor are ordinary French, German, Spanish, Portuguese,
// Italian or Scandinavian sentences (the other words count against it). Text mixing legacy bytes with real Unicode Vietnamese is left alone.
//
// Without a font, TCVN3 text with at least two ASCII letters, all upper case,
// is taken as capitals-font text and upper-cased ("§¶NG ñY" → "ĐẢNG ỦY").
//
// # Not done here
//
// The package does not report findings; callers (the form reader) turn a
// Repair that returns an encoding other than None into a warning naming the
// cell. Callers should Repair first, then Clean.
package vntext
