// Package tables turns an aggregation (engine.Outcome) into the report's tables and charts
// as renderer-agnostic pdfdoc values: pkg/report prints them in the PDF, pkg/xlsxout writes
// them to the workbook. Build(o, opt) makes a Set; Set.All lists its tables and charts in
// a fixed order with their sheet names.
//
// Every numeric cell carries Value (money in triệu đồng, shares as fractions, counts) and
// Text (vnfmt, Vietnamese or English). Shares are always computed from sums (aggregate's
// Share); a zero denominator gives "–" with NoValue. Text that came from submissions
// (names, agreement numbers, fields) is put in cells as written; the renderers make it
// safe. Build never panics: a nil Outcome or Result gives tables with headers only.
//
// Decisions where the spec is silent:
//
//   - Hierarchy comes from Result.Units (preorder, Parent codes), so a Result read back
//     from aggregate.json works too; Options.Tree only names codes the Result lacks. A
//     "đảng ủy trực thuộc" is a child of the root that has children; a child of the root
//     without children is a "cơ sở directly under the bloc".
//   - ByUnit: a đảng ủy row (Level 0, RowSubtotal) shows its subtree figures; an inner unit
//     that reports for its own office gets a "(cơ quan, tự báo cáo)" row with its Own
//     figures before its children, so additive columns (reports expected/reported,
//     spending, checks, recommendations, remedied) of a subtotal equal the sum of the rows
//     directly below it. Deeper trees nest with Level = depth − 1. Agreement columns
//     (count, new, in-bloc, contracts and their values, value delivered) are not additive:
//     an agreement between two units of a group counts once on the group's row (the
//     table's Note says so). "Đã báo cáo" is on time + late: invalid files are not counted
//     as reported, since their figures are left out.
//   - Summary: sections (Level 0, bold) with their lines (Level 1); the figures column is
//     KindNumber and mixes counts, money and shares (a share's Text ends in "%"). With
//     Prev, "So với cùng kỳ" (KindPercent) is the relative change for counts and money
//     (Text from vnfmt.Change) and the difference in percentage points for shares
//     ("tăng 4,0 điểm %", Value the difference of the fractions); "–" when the previous
//     value is 0 or a share is undefined. The share of units with an in-bloc agreement is
//     len(Result.InBlocUnits) over the units expected to report in the period (Own
//     reporting expected > 0).
//   - Target share: a unit is judged when it has own spending (Own.Procurement.Total > 0),
//     the root's own office included; it meets the target when Domestic/Total ≥
//     TargetShare. Units without spending are neither under nor over the target (the
//     table's Note gives "x/y"). UnitsUnderTarget lists them in preorder.
//   - Previous-year columns (Summary, Procurement, Checks, Activities) appear only when the
//     Outcome has Prev; ByUnit, Register and Fields have none (too wide, or not
//     comparable).
//   - Register: the Result's Register order, one row per agreement, plus a total row
//     (count, contracts, values). "Hai bên báo cáo" says whether both sides reported it.
//   - Reconciliation: consecutive entries of the same agreement and units are one row; the
//     issues are joined with "; " in the Result's order, the first letter capitalised.
//   - Cooperation: only đảng ủy trực thuộc, and only partners that are đảng ủy trực thuộc,
//     count ("k of n−1", n the number of đảng ủy trực thuộc); cơ sở directly under the bloc
//     are left out of this table (they are in ShareChart's last bar).
//   - Fields: fields with at least one agreement, by number of agreements, then value
//     delivered (descending), then the form's order; a total row.
//   - Status: every (unit, quarter) of Outcome.Statuses not on time, by quarter then
//     preorder; the received date only for late and invalid files with a known receipt.
//     Without Statuses (a Result read from JSON) Result.Missing is used.
//   - Activities: the value of an indicator without a value (not marked † in the form)
//     is "–" unless something was reported.
//   - Charts: ShareChart has one bar per đảng ủy trực thuộc (its subtree's share) and one
//     "Các cơ sở trực thuộc Khối" bar (the share of their summed spending); NaN (no bar)
//     when there is no spending. TrendChart uses the root's ByQuarter; the previous year's
//     quarters come first when there is a Prev; a Result without ByQuarter (from JSON)
//     gives NaN values.
//   - Period labels: "Quý II/2025", "6 tháng đầu năm 2025", "Năm 2025" (en "Q2 2025",
//     "H1 2025", "Year 2025").
package tables
