// Package period models reporting periods (quarters, half years, years),
// the date windows they cover, submission deadlines, and the reading of
// dates typed by hand or stored as Excel serials.
//
// Decisions where the spec (form-v1.md "Periods") is silent:
//
//   - Quarter text is compared after folding: Unicode decomposition with all
//     combining marks removed, đ→d, lower case, white space collapsed. So
//     NFC, NFD, any tone placement and unaccented text ("quy 2 nam 2025")
//     all read the same. The old spelling "Quí" is accepted like "Quý".
//     Separators between quarter and year may be "/", "-", "." or a space;
//     "năm" may stand between them. Roman numerals are accepted after "Quý"
//     and "Q" ("QII/2025"). Quarters are 1–4 / I–IV only; "Quý V/2025",
//     a missing year and a year outside 2000–2100 each give their own
//     message.
//   - ParsePeriod reads the canonical forms ("2025-Q2", "2025-H1",
//     "2025") in any case and, failing those, any quarter form ParseQuarter
//     reads, as a one-quarter period.
//   - The zero Quarter means "none/unbounded"; its String is "".
//   - All dates are 00:00 UTC values that stand for a calendar day; only
//     Deadline returns an instant, in Zone (UTC+7 fixed, no tzdata).
//     Deadline is exclusive: a file is on time if received strictly before
//     it (OnTime).
//   - ParseDate requires a four-digit year and the same separator twice
//     ("05/08-2025" is an error); "yyyy-mm-dd" is the only year-first form.
//     Text with a time of day is not a date.
//   - FromExcelSerial returns an error for serial 60 in the 1900 system (the
//     fictitious 29/02/1900) rather than guessing a neighbouring day. In the
//     1904 system serial 0 (1904-01-01) is valid, since that is what it
//     means there; the upper bound is 9999-12-31 in both systems.
//   - Errors are *Error values: Error() is English, MessageVI Vietnamese,
//     Localized(lang) picks one (Vietnamese unless lang is "en").
//   - Inputs longer than 200 bytes are rejected before any matching.
package period
