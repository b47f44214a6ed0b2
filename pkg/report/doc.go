// Package report makes the steering committee's six-month and annual report (`vdhv
// report`): one model — a pdfdoc.Document for the PDF and the tables.Set behind it for the
// XLSX — built from an engine.Outcome, the committee's own text (TextFile) and the wording
// templates (Wording).
//
//	tf, _, err := report.LoadText(report.TextPath(ws.Root, p))   // bao-cao/<period>.yaml
//	w, err := report.LoadWording(ws.Root)                        // templates/report/*.tmpl
//	doc, set, err := report.Build(outcome, tf, ws.Config, w, "vi")
//	paths, err := report.Write(dir, p, doc, set, report.WriteOptions{Created: sde})
//
// Decisions where the specification is silent:
//
//   - Periods. A report is written for the first half (2025-H1) or a year (2025). A quarter
//     and the second half are refused with an explanation (CheckPeriod): the annual report
//     covers the second half. The previous year's same period (engine's Prev) gives the
//     comparisons; without it no comparison is written at all ("vs"/"change" give "").
//     For the annual report the comparison reads "so với năm 2024".
//   - The committee's text file (bao-cao/<period>.yaml) has English keys like vdhv.yaml
//     (number, code, place, date, parent_body, issuing_body, signer{authority,title,name},
//     recipients, highlights, limitations, causes, tasks, proposals) and Vietnamese
//     comments (InitText). It is read with the yaml.v3 Node API: unknown keys (signer's
//     too), a key given twice, aliases and merge keys, several documents, wrong shapes,
//     impossible dates and oversized values are problems with their line, all reported
//     together (*TextError). Text is NFC, control characters become spaces, white space is
//     collapsed (the no-break space U+00A0 is kept). A paragraph list may also be written
//     as one text: blank lines separate paragraphs, single line breaks are spaces. A
//     missing file is not an error: every value has a default.
//   - Defaults: code "BC/BCĐ"; without a number "Số" is followed by eight no-break spaces
//     for the number to be written by hand; place from vdhv.yaml (without one the line
//     reads "Ngày 05 tháng 8 năm 2025"); parent body = the root unit's name (the renderer
//     upper-cases it); issuing body "Ban Chỉ đạo Cuộc vận động"; signer "T/M BAN CHỈ
//     ĐẠO" / "TRƯỞNG BAN" with an empty name; recipients "Lưu Ban Chỉ đạo."; tasks: the
//     template "III.default".
//   - The date printed on the report (ReportDate): the text file's date; else the date of
//     SOURCE_DATE_EPOCH (read by the command, taken in Vietnam time) when set; else
//     DefaultDate, the day after the on-time deadline of the period's last quarter (11/7
//     for H1 and 11/01 of the next year for a year with the default 10 days). Never the
//     clock: the same inputs give the same document. The files' creation dates are
//     WriteOptions.Created (the command passes SOURCE_DATE_EPOCH; zero writes 1970-01-01).
//   - Wording lives in templates/report/*.tmpl (embedded), one {{define}} block per piece
//     (see templates/report/README.md). A workspace's templates/report/*.tmpl are parsed
//     after the embedded files, so each block they define replaces the embedded block of
//     that name and the others stay. A template's output is read by ParseBlocks: blank
//     lines separate paragraphs, "#"/"##"/"###" headings, "- " list items (the last item's
//     final ";" becomes "."), **bold** and *italic*. The committee's paragraphs are
//     inserted by the code, never through templates, so their text is printed verbatim:
//     highlights after I.1, limitations after II.1, causes after II.2 (only when there
//     are causes), tasks after III as a list (else III.default), proposals as section IV
//     (only when there are some). Template errors (parse, missing field, endless
//     recursion, output over 4 MiB) are *WordingError; a panic in a template function is
//     recovered.
//   - Findings of section II come from the data: units with a quarter missing, late or
//     invalid (named, with the quarters), units whose own spending is below the target
//     share (the same test as the tables' "under target" list: share >= target, computed
//     from the unit's own sums; units without spending are not judged), checks outside
//     the annual programme (per unit, own rows), and in-bloc agreements with a
//     reconciliation issue (counted once per agreement and pair; one-sided ones counted
//     apart). Named lists print at most 10 names (15 would fill pages for a 2,000-unit
//     bloc) followed by "và N đơn vị khác"; the full lists are the appendices.
//   - "Units" (the denominator of "24/38 đơn vị") are the distinct units expected to report
//     in some quarter of the period; reporting counts are (unit, quarter) pairs as in
//     aggregate.json. Cooperation "2/4" counts, for each child of the root, the other
//     children of the root it has an in-bloc agreement with (aggregate.Result.Cooperation).
//   - The report is a Vietnamese Party document: its text and tables are Vietnamese
//     whatever the user's language; Build's lang only selects the language of errors.
//   - Appendices: 1 the key figures (Summary) and the figures by unit (ByUnit), 2 the
//     in-bloc register and the reconciliation, 3 the reporting status, 4 the share chart
//     and the trend chart. Appendices 1 and 2 are landscape (17 and 12 columns), 3
//     automatic, 4 portrait. A table without rows is printed (in the PDF only) with one
//     merged "(Không có)" row. The XLSX has every table of the set (tables.Set.All), the
//     two charts on one sheet.
//   - Write renders every requested format in memory first, so a failure writes nothing,
//     then writes each file atomically (temporary file, fsync, rename); an interrupted run
//     leaves the previous report intact. WriteInitText never replaces an existing file (a
//     hard link from a synced temporary file, else an exclusive create).
package report
