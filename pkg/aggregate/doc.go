// Package aggregate rolls validated VDHV-01 submissions up the unit hierarchy,
// deduplicates the agreements both parties report, reconciles them, and writes
// aggregate.json (docs: /work/shared/spec/aggregate-json.md, form-v1.md, reports.md).
//
// API: Compute(Input) (*Result, error); (*Result).WriteJSON(io.Writer);
// ReadJSON(io.Reader) (*Result, error); for thousands of files, NewDigest, NewBuilder,
// (*Builder).Add and Finish (below). The package never imports cobra and never
// panics; contract violations (see Compute: unknown unit codes, values outside their
// enumeration, amounts outside [0, 10^9 triệu) or counts outside [0, 10^9), which the
// form reader never produces) are *Error values with English and Vietnamese messages.
// With those bounds no sum can overflow.
//
// # Units and reporting
//
// Every unit of the tree appears in Result.Units, in preorder, leaves and inner nodes.
// A unit is expected in a quarter when Reports is set and it is active in that quarter
// (units.Unit.ActiveIn). Reporting is counted per (expected unit, quarter) over the
// unit's subtree; on_time+late+invalid+missing == expected. An inner unit that reports
// for its own office counts in its own and every ancestor's figures (its own rows are
// attributed to it like a leaf's). A unit's status in a quarter is decided as follows
// (the spec leaves the combination of workspace statuses and roll-ups open):
//
//  1. Input.Status[q][code] (canonical code) when it is OnTime, Late or Invalid;
//  2. else, when the submission chosen for the unit (below) is a roll-up whose Covered
//     list names the unit: Đã báo cáo = OnTime, Báo cáo muộn = Late, Chưa báo cáo =
//     Missing (so a roll-up's list overrides an explicit Missing, which is what a
//     workspace that sees no file of the unit's own would give);
//  3. else an explicit Missing;
//  4. else (no entry) OnTime when some submission carries the unit (receipt time
//     unknown counts as on time), Missing otherwise.
//
// The zero Status means "no entry". Statuses never filter figures: whatever the chosen
// submissions hold is counted (Input.Subs holds valid files only), and statuses of
// units that are not expected are ignored. Missing lists every expected (unit, quarter) whose
// status is Missing, sorted by quarter then unit code (byte order).
//
// # Which submission speaks for a unit
//
// A unit file carries its Info.UnitCode (its rows are attributed to that unit whatever
// their Unit field says); a roll-up carries every unit named in its Covered list or in a
// row's Unit. When several submissions carry the same (unit, quarter) — a roll-up and
// the unit's own file, two roll-ups, two own files — a Problem{Unit, Quarter, Files}
// is recorded (the CLI reports VDHV-E110) and exactly one counts: the unit's own file
// first, then the smallest Path (then Fingerprint, then input order). The other
// submissions' rows for that unit are left out, so nothing is counted twice. The same
// *form.Submission given twice counts once, silently; nil entries are skipped.
// Submissions are processed in (quarter, path, fingerprint) order, so the order of
// Input.Subs never matters.
//
// # Flows and shares
//
// Contracts, contract value, value delivered, procurement, checks and activities are
// summed over the period's quarters and up the tree. Money is form.Money (thousandths of
// triệu đồng), so every sum is exact. Shares (domestic, in-bloc) are the summed
// numerator over the summed denominator at every level, never averaged; in the JSON
// they are rounded half up to 4 decimals (exactly, with big integers), null when the
// total is 0. A check counts for the unit whose file (or roll-up row) reports it.
//
// # Agreements: a register
//
// A side is one unit's record of one agreement: rows of that unit with the same
// NumberKey and PartnerKey across the period's quarters (the same side twice in one
// quarter is an error: the validator rejects it). in_force counts distinct agreements
// listed in any quarter of the set; the representative row of an agreement is the row
// of the latest quarter that lists it, and gives status, Ngày ký, Lĩnh vực, Trong Khối
// and the number as written: new = Ngày ký inside the period's window
// (Windows.PeriodRange), ended = status Hoàn thành or Chấm dứt, in_bloc = Trong Khối Có.
//
// One agreement, two reports: a side is pairable when its latest row is in-bloc and its
// partner code is a unit of the tree other than the reporting unit. Two pairable sides
// of different units A and B pair when their NumberKeys are equal, A's partner is B or
// an ancestor of B, and B's partner is A or an ancestor of A. If a side could pair with
// several (three-party agreements are out of scope), candidate pairs are taken greedily:
// pairs where both rows name the other unit exactly, then one, then neither; ties by
// side order (unit preorder, NumberKey, PartnerKey). The losers stay one-sided.
//
// A pair counts once at the lowest common ancestor of A and B and above; below it each
// side counts for its own unit as reported. Quarter by quarter the pair's row is the
// supplying side's (Cung cấp > Hai chiều > Sử dụng); with equal roles the larger value
// delivered; on a tie the smaller unit code (byte order); when only one side has a row
// that quarter, that row. The pair's flows are the sum over the quarters of the chosen
// rows; its representative row is the chosen row of the latest quarter. (Internally:
// sides are added at their units, and merged − both sides at the LCA, before summing up
// the tree.)
//
// UnitResult.ByQuarter holds subtree figures per quarter for the trend chart; there
// each quarter is treated as the period (new = signed inside the quarter's window,
// ended = that quarter's status). Summing ByQuarter gives the period's flows, but not
// its agreement counts. UnitResult.Own holds the unit's own rows (agreements never
// merged) and its own reporting status.
//
// # Reconciliation (đối chiếu)
//
// At the bloc, over the whole period, one entry per (agreement, issue). A one-sided
// agreement whose latest row is in-bloc gives "unreported" with Units = [reporting unit,
// partner code as written] (kept in that order: it says who reported). A pair is
// compared in the quarters where both sides have a row: "roles" (both Cung cấp or both
// Sử dụng; Hai chiều facing anything is fine), "sign_date", "expiry_date" (a missing
// date differs from a given one), "status", "contracts", "contract_value",
// "delivered_value"; Units are the two reporting units sorted. Entries are sorted by
// NumberKey, then Units, then issue (byte order of the issue names). "agreement" is the
// number as written on the representative row.
//
// # Extras for the reports (not in aggregate.json)
//
// Register: the bloc-level in-bloc agreements (pairs merged; one-sided in-bloc sides as
// they are), sorted like Reconciliation. InBlocUnits: units whose own sides include an
// in-bloc agreement in the period. Cooperation: for each child of the root, the other
// children of the root that one of its units has an in-bloc row with, or that name it
// (pairable rows, whether or not the partner reported too). Agreements.ByField: per
// Lĩnh vực of the representative row. Problems, as above.
//
// # Streaming: Digest and Builder
//
// Compute holds every submission until it is done; a national bloc has 8,000 files a
// year. NewDigest reduces one submission to what the figures need (rows of Mua sắm,
// Kiểm tra giám sát and Hoạt động summed per unit, agreement rows with normalised keys and
// enumerations as small indexes, Covered statuses, the first contract violation of each
// unit), sharing no memory with it, so a reader can drop the submission at once and make
// digests on every core. Builder.Add merges a digest's agreement rows into one table of
// sides (an agreement listed in four quarters is stored once) and keeps a few hundred
// bytes of summed figures per file; Finish picks, for each unit and quarter, the
// submission that speaks for it and computes exactly what Compute computes — which is now
// NewBuilder, Add of every digest, Finish. Decisions:
//
//   - Errors stay those of Compute, in the same order: a violation in rows that end up
//     not counted (another submission speaks for the unit) is no error, as before.
//     TestBuilderMatchesReference checks Compute, shuffled Adds and digests read back
//     from their binary form against the pre-Builder code (reference_test.go) on random
//     and corrupted worlds, errors included.
//   - Finish's use function leaves added digests out (the workspace decides which of two
//     files of a unit counts only once every file is read).
//   - Dates are kept as UTC instants (the form reader's dates are UTC), so a Register
//     entry's Signed and Expires are in UTC.
//   - AppendBinary/UnmarshalBinary (DigestFormat) let a cache keep digests between runs;
//     UnmarshalBinary checks every length, index and enumeration so that a damaged entry
//     is an error (FuzzDigestBinary), never a wrong figure or a panic.
//
// # aggregate.json
//
// WriteJSON writes the keys and order of the spec exactly, units in preorder, every
// enumeration complete (zeros included), money via form.Money.String ("1234.5", "0"),
// empty lists as [], 2-space indent, a final newline; strings are not HTML-escaped.
// ReadJSON reads it back (unknown keys ignored); WriteJSON of what ReadJSON read gives
// the same bytes.
package aggregate
