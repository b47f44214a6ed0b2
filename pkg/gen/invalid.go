package gen

import (
	"strconv"

	"github.com/vdhv/vdhv/pkg/finding"
	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/period"
)

// edit is a change to a valid submission that makes it wrong in a known way. Model edits
// change the submission before it is written; cell edits change the written workbook (what
// the model cannot express: text in a number cell, a deleted column, a legacy font).
type edit struct {
	model func(sub *form.Submission)
	cells []cellEdit
	xls   bool // replace the workbook by an old binary .xls
}

// cellEdit changes one cell of a table sheet, or deletes a column.
type cellEdit struct {
	sheet   string // canonical sheet name
	col     string // column key
	row     int    // data row index (0 = first data row); ignored when dropCol
	text    string // the cell becomes this text
	number  string // or this number (a totals row)
	font    string // font name of the cell ("" keeps the style)
	dropCol bool   // delete the column (header and data)
}

// invalidKind is one way a workspace file is invalid by design.
type invalidKind struct {
	name string
	rule *finding.Rule // the error it is built to trigger (others may follow from it)
	edit func(sub *form.Submission, w period.Windows) edit
}

// invalidKinds rotate over the invalid files of a workspace.
var invalidKinds = []invalidKind{
	{"domestic-over-total", finding.RuleDomesticOverTotal, func(*form.Submission, period.Windows) edit {
		return edit{model: func(sub *form.Submission) {
			for len(sub.Purchases) < 2 {
				sub.Purchases = append(sub.Purchases, form.Purchase{Unit: sub.Info.UnitCode, Category: form.EnumCategory.Values[len(sub.Purchases)]})
			}
			p := &sub.Purchases[1]
			if p.Total == 0 {
				p.Total = 120000
			}
			p.Domestic = p.Total + p.Total/10 + 1000
		}}
	}},
	{"ambiguous-number", finding.RuleAmbiguousNumber, func(sub *form.Submission, w period.Windows) edit {
		ensureAgreement(sub, w)
		return edit{cells: []cellEdit{{sheet: form.SheetAgreements, col: form.ColDelivered, row: len(sub.Agreements) - 1, text: "1.250"}}}
	}},
	{"column-missing", finding.RuleColumnMissing, func(*form.Submission, period.Windows) edit {
		return edit{cells: []cellEdit{{sheet: form.SheetAgreements, col: form.ColField, dropCol: true}}}
	}},
	{"period-folder-mismatch", finding.RulePeriodFolder, func(*form.Submission, period.Windows) edit {
		return edit{model: func(sub *form.Submission) { sub.Info.Quarter = sub.Info.Quarter.Prev() }}
	}},
	{"file-xls", finding.RuleFileXLS, func(*form.Submission, period.Windows) edit { return edit{xls: true} }},
	{"partner-unknown", finding.RulePartnerUnknown, func(_ *form.Submission, w period.Windows) edit {
		return edit{model: func(sub *form.Submission) {
			ensureAgreement(sub, w)
			a := &sub.Agreements[len(sub.Agreements)-1]
			a.InBloc, a.PartnerCode = true, "DU-KHAC-99"
		}}
	}},
	{"remedied-over-recommendations", finding.RuleRemediedOverRecs, func(_ *form.Submission, w period.Windows) edit {
		return edit{model: func(sub *form.Submission) {
			if len(sub.Checks) == 0 {
				sub.Checks = append(sub.Checks, form.Check{Unit: sub.Info.UnitCode, Kind: form.EnumCheckKind.Values[0],
					Target: checkTargets[0], Content: checkContents[0], InProgramme: true, Result: form.EnumCheckResult.Values[1]})
				sub.Checks[0].Start, _ = w.QuarterRange(sub.Info.Quarter)
			}
			c := &sub.Checks[0]
			c.Recs, c.Remedied = 2, 3
		}}
	}},
	{"email-invalid", finding.RuleEmailInvalid, func(*form.Submission, period.Windows) edit {
		return edit{model: func(sub *form.Submission) { sub.Info.Email = "vanphong@@" + "congty" }}
	}},
}

// ensureAgreement gives a submission without agreements one outside agreement, so that an
// edit of an agreement cell has a row to work on.
func ensureAgreement(sub *form.Submission, w period.Windows) {
	if len(sub.Agreements) > 0 {
		return
	}
	first, _ := w.QuarterRange(sub.Info.Quarter)
	sub.Agreements = append(sub.Agreements, form.Agreement{
		Unit: sub.Info.UnitCode, Number: "01/" + strconv.Itoa(first.Year()-1) + "/TTHT-DN-APV", PartnerName: "Công ty cổ phần Vật tư An Phát",
		Role: form.RoleUse, Field: fieldTrade, Signed: first.AddDate(-1, 0, 0), Status: form.StatusActive,
		Delivered: 250000,
	})
}
