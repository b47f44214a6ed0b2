// Package hostile holds vdhv's end-to-end tests against hostile input (issue 6) and the
// generators of the hostile workbooks they use. Its tests run the real CLI as separate
// processes: the test binary re-executes itself as vdhv (root.SystemMain) when
// VDHV_HOSTILE_MAIN=1, so exit codes, output, wall time and peak RSS (rusage Maxrss) are those
// of a vdhv process.
//
// # Tests
//
//   - TestHostileInputs: `vdhv validate --format json`, in Vietnamese and English, on every
//     file of testdata/hostile (text files also renamed to .xlsx), on the form-based fixtures
//     of testdata/hostile/cli and on large cases generated at test time (BigCases: a 1.1 GiB
//     zip bomb, 1,000,000 rows, 16,384 columns, a 10 MiB cell, 2,000,000 shared strings,
//     20,000 zip entries, a 60 MiB file). Each must give its expected finding code (with the
//     rule's text in the language asked for), the expected exit code, no panic or stack
//     trace, and finish within 10 s and 256 MiB of peak RSS. Warnings also run with --strict
//     (exit 1). Large cases are skipped with -short.
//   - TestHostileFolderAtOnce: all of them in one validate run with GOMAXPROCS=8, among good
//     forms, within the same bounds. TestHostileUnitsYAML: hostile units.yaml files (alias
//     bomb, deep nesting, 11 MiB, 100,001 units) through `units check`.
//   - TestMixedFolder: good files among bad ones through validate (exit 1), receive (the good
//     ones stored, exit 1) and aggregate (the bad file left out and named, exit 0 as
//     documented by aggregate).
//   - TestFormulaText: texts starting with =, +, -, @ through receive, the roll-up, status,
//     aggregate and report: no worksheet of any output XLSX holds a formula (chart series
//     references are not worksheet formulas), and the texts are found verbatim in the roll-up
//     and report workbooks, in aggregate.json and (with pdftotext installed) in the PDF.
//   - TestUnitCodes: `vdhv units check` refuses codes that would escape the workspace or
//     name devices; other commands refuse the hierarchy (exit 2); a file or flag naming such
//     a unit writes nothing.
//   - TestKillReceive, TestKillOutputs: SIGKILL during receive (once k more receipts are in
//     the ledger, plus 0–3 ms, k random), aggregate, aggregate --rollup and report (random
//     delays), with fixed seeds; then the ledger parses, every receipt's version file holds
//     its content, every stored spreadsheet validates, current files are versions, status
//     works, each output is its old or its complete new content, and running again completes.
//   - TestConcurrentReceive: four receive processes at once, with different units and then
//     with four versions of one unit: one ledger line per stored version, versions unique,
//     the current file the highest version.
//
// # Decisions
//
//   - Outcomes per input (the table in testdata/hostile/README.md): a file vdhv cannot open
//     gets exactly one file-level error (E001–E008); a limit is E008 with nothing stored; a
//     cell-level problem gets findings at its cells and nothing derived from them.
//   - A hidden form sheet stays warning W016 (exit 0, 1 with --strict): unhiding is one click
//     in Excel. A very hidden form sheet is error E018: only a macro or tool makes one, only
//     the VBA editor shows it again, so its figures would reach the aggregate unseen by
//     anyone reviewing the file. `Danh mục` and `Hướng dẫn` may be hidden in any way.
//   - A text date before 1900 is E026 (period.ParseDate reads years 1900–2100), a negative
//     date serial (LibreOffice's dates before 30/12/1899) E026 too; a date after 2100 is E032.
//   - pkg/xlsxread's minimal fixtures whose damage sits in a sheet or the shared strings are
//     not forms: vdhv reports the missing form sheets (E010) and never reads sheet "B"; the
//     same damage inside a real form is in testdata/hostile/cli.
//   - Atomic writes may leave hidden temporary files (".NAME.tmp-N") beside outputs when a
//     run is killed; they are never at an output's path and scans skip them. The next
//     successful write of the same file removes those older than 2 minutes
//     (atomicfile.StaleAge), and receive cleans its folders likewise; the kill tests check
//     both after backdating the leftovers.
//   - Peak memory is rusage Maxrss, an upper bound: Linux carries the parent's high-water
//     RSS over the child's exec, so the test process keeps itself small (big cases are
//     streamed, generated strings freed before running vdhv). 100,001 units in units.yaml
//     is the costliest case measured (~180 MiB).
//   - The big cases are written streaming: a repeated chunk is deflated once and its bytes
//     repeated (Repeat), so a 1.1 GiB part costs ~1 MiB on disk and in memory.
//   - The form fixtures are committed (reviewers can open them) and rebuilt only with
//     -update-hostile, not compared with a fresh build: they must stay hostile the same way
//     when the form writer's layout changes.
package hostile
