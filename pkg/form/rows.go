package form

import (
	"strconv"
	"strings"
	"time"

	"github.com/vdhv/vdhv/pkg/finding"
	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/units"
	"github.com/vdhv/vdhv/pkg/vntext"
	"github.com/vdhv/vdhv/pkg/xlsxread"
)

// rowHandler returns the function that reads one data row of sheet s into the submission
// and returns the row's figures for the totals check.
func (r *reader) rowHandler(s *Sheet) func(*tableRow) map[string]int64 {
	switch s.Name {
	case SheetAgreements:
		seen := map[string]int{}
		return func(t *tableRow) map[string]int64 { return r.agreementRow(t, seen) }
	case SheetPurchases:
		seen := map[string]int{}
		return func(t *tableRow) map[string]int64 { return r.purchaseRow(t, seen) }
	case SheetChecks:
		return r.checkRow
	case SheetCovered:
		return r.coveredRow
	case SheetActivities:
		seen := map[string]int{}
		return func(t *tableRow) map[string]int64 { return r.activityRow(t, seen) }
	}
	return func(*tableRow) map[string]int64 { return nil }
}

// rowUnit returns the unit a row belongs to: the file's unit, or in a roll-up the row's
// `Mã đơn vị báo cáo`.
func (r *reader) rowUnit(t *tableRow) string {
	if !r.rollup {
		return r.sub.Info.UnitCode
	}
	at := t.at(ColReportingUnit)
	if r.unitRefs == nil {
		r.unitRefs = map[string]string{}
	}
	r.unitRefs[t.sheet+"\x00"+strconv.Itoa(t.num)] = at.ref
	code, _ := r.text(t.cell(ColReportingUnit), at)
	if code == "" {
		r.add(finding.RuleRollupUnitMissing, at, "")
		return ""
	}
	if r.opt.Units != nil {
		u := r.opt.Units.Lookup(code)
		if u == nil || r.unit == nil || !(u == r.unit || r.unit.IsAncestorOf(u)) || !u.Reports ||
			(!r.quarter.IsZero() && !u.ActiveIn(r.quarter)) {
			rollup := r.sub.Info.UnitCode
			r.add(finding.RuleRollupUnitOutside, at, code, "rollup", rollup)
			if u == nil {
				return code
			}
		}
		return u.Code
	}
	return code
}

// reqText reads a required text cell.
func (r *reader) reqText(t *tableRow, key string) string {
	at := t.at(key)
	v, ok := r.text(t.cell(key), at)
	if ok && v == "" {
		r.add(finding.RuleRequired, at, "", "expected", t.header(key))
	}
	if ok && len([]rune(v)) > MaxTextChars {
		r.add(finding.RuleTextTooLong, at, "", "length", strconv.Itoa(len([]rune(v))), "max", strconv.Itoa(MaxTextChars))
	}
	return v
}

func (r *reader) optText(t *tableRow, key string) string {
	at := t.at(key)
	v, _ := r.text(t.cell(key), at)
	if len([]rune(v)) > MaxTextChars {
		r.add(finding.RuleTextTooLong, at, "", "length", strconv.Itoa(len([]rune(v))), "max", strconv.Itoa(MaxTextChars))
	}
	return v
}

func (t *tableRow) header(key string) string {
	for _, c := range t.cols {
		if c.Key == key {
			if c.Enum != nil {
				return strings.Join(c.Enum.Values, "; ")
			}
			return c.Header
		}
	}
	return key
}

// reqEnum reads a required enumeration cell.
func (r *reader) reqEnum(t *tableRow, key string) string {
	col := columnOf(t.cols, key)
	at := t.at(key)
	c := t.cell(key)
	if isEmpty(c) {
		r.add(finding.RuleRequired, at, "", "expected", strings.Join(col.Enum.Values, "; "))
		return ""
	}
	v, _ := r.enum(c, at, col.Enum)
	return v
}

func (r *reader) reqDate(t *tableRow, key string) time.Time {
	at := t.at(key)
	c := t.cell(key)
	if isEmpty(c) {
		r.add(finding.RuleRequired, at, "", "expected", "dd/mm/yyyy")
		return time.Time{}
	}
	v, _ := r.date(c, at)
	return v
}

func columnOf(cols []Column, key string) *Column {
	for i := range cols {
		if cols[i].Key == key {
			return &cols[i]
		}
	}
	return &Column{Key: key}
}

func (r *reader) money(t *tableRow, key string) Money {
	v, _ := r.scaled(t.cell(key), t.at(key), 3)
	return Money(v)
}

func (r *reader) count(t *tableRow, key string) int64 {
	v, _ := r.scaled(t.cell(key), t.at(key), 0)
	return v
}

func (r *reader) inQuarter(d time.Time) bool {
	return !r.qFirst.IsZero() && !d.Before(r.qFirst) && !d.After(r.qLast)
}

func (r *reader) agreementRow(t *tableRow, seen map[string]int) map[string]int64 {
	a := Agreement{Row: t.num, Unit: r.rowUnit(t)}
	a.Number = r.reqText(t, ColNumber)
	a.NumberKey = vntext.Key(a.Number)
	inBloc := r.reqEnum(t, ColInBloc)
	a.InBloc = inBloc == "Có"
	a.Role = r.reqEnum(t, ColRole)
	a.Field = r.reqEnum(t, ColField)
	a.Status = r.reqEnum(t, ColStatus)
	codeAt := t.at(ColPartnerCode)
	code, _ := r.text(t.cell(ColPartnerCode), codeAt)
	a.PartnerName = r.optText(t, ColPartnerName)
	var partner *units.Unit
	if code != "" && r.opt.Units != nil {
		partner = r.opt.Units.Lookup(code)
	}
	switch {
	case inBloc == "Có" && code == "":
		r.add(finding.RulePartnerCodeRequired, codeAt, "")
	case inBloc == "Có" && r.opt.Units != nil && partner == nil:
		r.add(finding.RulePartnerUnknown, codeAt, code)
	case inBloc == "Không" && partner != nil:
		r.add(finding.RulePartnerInBlocMismatch, codeAt, code)
	}
	if partner != nil {
		code = partner.Code
		if strings.EqualFold(code, a.Unit) {
			r.add(finding.RulePartnerSelf, codeAt, code)
		}
	}
	a.PartnerCode = code
	if code == "" && a.PartnerName == "" {
		r.add(finding.RulePartnerNameRequired, t.at(ColPartnerName), "")
	}
	a.Signed = r.reqDate(t, ColSigned)
	if !a.Signed.IsZero() && !r.qLast.IsZero() && a.Signed.After(r.qLast) {
		r.add(finding.RuleSignedAfterQuarter, t.at(ColSigned), period.FormatVN(a.Signed),
			"quarter", r.quarter.String(), "last", period.FormatVN(r.qLast))
	}
	a.Expires, _ = r.date(t.cell(ColExpires), t.at(ColExpires))
	if !a.Expires.IsZero() && !a.Signed.IsZero() && a.Expires.Before(a.Signed) {
		r.add(finding.RuleExpiryBeforeSigned, t.at(ColExpires), period.FormatVN(a.Expires), "signed", period.FormatVN(a.Signed))
	}
	if a.Status == StatusNew && !a.Signed.IsZero() && !r.qFirst.IsZero() && !r.inQuarter(a.Signed) {
		r.add(finding.RuleNewOutsideQuarter, t.at(ColSigned), period.FormatVN(a.Signed),
			"quarter", r.quarter.String(), "first", period.FormatVN(r.qFirst), "last", period.FormatVN(r.qLast))
	}
	a.Contracts = r.count(t, ColContracts)
	a.ContractValue = r.money(t, ColContractVal)
	a.Delivered = r.money(t, ColDelivered)
	a.Note = r.optText(t, ColNote)
	if a.NumberKey != "" {
		key := strings.ToUpper(a.Unit) + "\x00" + a.NumberKey + "\x00" + a.PartnerKey()
		if first, dup := seen[key]; dup {
			partner := a.PartnerCode
			if partner == "" {
				partner = a.PartnerName
			}
			r.add(finding.RuleAgreementDuplicate, t.at(ColNumber), a.Number, "partner", partner, "first", strconv.Itoa(first))
		} else {
			seen[key] = t.num
		}
	}
	r.sub.Agreements = append(r.sub.Agreements, a)
	return map[string]int64{ColContracts: a.Contracts, ColContractVal: int64(a.ContractValue), ColDelivered: int64(a.Delivered)}
}

func (a *Agreement) partnerNameKey() string { return vntext.Key(a.PartnerName) }

func (r *reader) purchaseRow(t *tableRow, seen map[string]int) map[string]int64 {
	p := Purchase{Row: t.num, Unit: r.rowUnit(t)}
	p.Category = r.reqEnum(t, ColCategory)
	n := len(r.res.Findings)
	p.Total = r.money(t, ColTotal)
	totalOK := !r.errorsSince(n) // an unreadable total is not 0: compare nothing with it
	p.Domestic = r.money(t, ColDomestic)
	p.InBloc = r.money(t, ColInBlocV)
	p.Note = r.optText(t, ColNote)
	if totalOK && p.Domestic > p.Total {
		r.add(finding.RuleDomesticOverTotal, t.at(ColDomestic), FormatMoneyVN(p.Domestic), "total", FormatMoneyVN(p.Total))
	}
	if totalOK && p.InBloc > p.Total {
		r.add(finding.RuleInBlocOverTotal, t.at(ColInBlocV), FormatMoneyVN(p.InBloc), "total", FormatMoneyVN(p.Total))
	}
	if p.Category != "" {
		key := strings.ToUpper(p.Unit) + "\x00" + p.Category
		if first, dup := seen[key]; dup {
			r.add(finding.RuleCategoryDuplicate, t.at(ColCategory), p.Category, "first", strconv.Itoa(first))
		} else {
			seen[key] = t.num
		}
	}
	r.sub.Purchases = append(r.sub.Purchases, p)
	return map[string]int64{ColTotal: int64(p.Total), ColDomestic: int64(p.Domestic), ColInBlocV: int64(p.InBloc)}
}

func (r *reader) checkRow(t *tableRow) map[string]int64 {
	c := Check{Row: t.num, Unit: r.rowUnit(t)}
	c.Kind = r.reqEnum(t, ColCheckKind)
	c.Start = r.reqDate(t, ColStart)
	if !c.Start.IsZero() && !r.qFirst.IsZero() && !r.inQuarter(c.Start) {
		r.add(finding.RuleCheckOutsideQuarter, t.at(ColStart), period.FormatVN(c.Start),
			"quarter", r.quarter.String(), "first", period.FormatVN(r.qFirst), "last", period.FormatVN(r.qLast))
	}
	c.Target = r.reqText(t, ColTarget)
	c.Content = r.reqText(t, ColContent)
	c.InProgramme = r.reqEnum(t, ColInProgramme) == "Có"
	c.Result = r.reqEnum(t, ColResult)
	n := len(r.res.Findings)
	c.Recs = r.count(t, ColRecs)
	recsOK := !r.errorsSince(n)
	c.Remedied = r.count(t, ColRemedied)
	if recsOK && c.Remedied > c.Recs {
		r.add(finding.RuleRemediedOverRecs, t.at(ColRemedied), strconv.FormatInt(c.Remedied, 10), "recs", strconv.FormatInt(c.Recs, 10))
	}
	c.Note = r.optText(t, ColNote)
	r.sub.Checks = append(r.sub.Checks, c)
	return map[string]int64{ColRecs: c.Recs, ColRemedied: c.Remedied}
}

func (r *reader) activityRow(t *tableRow, seen map[string]int) map[string]int64 {
	a := Activity{Row: t.num, Unit: r.rowUnit(t)}
	a.Indicator = r.reqEnum(t, ColIndicator)
	a.Count = r.count(t, ColCount)
	a.Value = r.money(t, ColValue)
	a.Note = r.optText(t, ColNote)
	if a.Value != 0 && a.Indicator != "" && !ValuedIndicators[a.Indicator] {
		r.add(finding.RuleValueNotCarried, t.at(ColValue), FormatMoneyVN(a.Value), "indicator", a.Indicator)
		a.Value = 0
	}
	if a.Indicator != "" {
		key := strings.ToUpper(a.Unit) + "\x00" + a.Indicator
		if first, dup := seen[key]; dup {
			r.add(finding.RuleIndicatorDuplicate, t.at(ColIndicator), a.Indicator, "first", strconv.Itoa(first))
		} else {
			seen[key] = t.num
		}
	}
	r.sub.Activities = append(r.sub.Activities, a)
	return map[string]int64{ColCount: a.Count, ColValue: int64(a.Value)}
}

// readEvaluation reads the optional `Đánh giá` sheet.
func (r *reader) readEvaluation(s *Sheet) {
	name, ok := r.sheets[s.Name]
	if !ok {
		return
	}
	rows := r.readLabels(s.Name)
	seen := map[string]int{}
	texts := map[string]string{}
	for _, lr := range rows {
		canon, known := lookupEnum(EnumEvaluation, lr.label)
		if !known {
			// Titles above the labels are common; only labels with a value are reported.
			if !isEmpty(lr.value) {
				r.add(finding.RuleEvaluationUnknown, cellCtx{sheet: name, ref: xlsxread.CellName(1, lr.row)}, lr.label,
					"allowed", strings.Join(EnumEvaluation.Values, "; "))
			}
			continue
		}
		at := cellCtx{sheet: name, ref: xlsxread.CellName(1, lr.row)}
		if first, dup := seen[canon]; dup {
			r.add(finding.RuleEvaluationDuplicate, at, canon, "first", strconv.Itoa(first))
			continue
		}
		seen[canon] = lr.row
		vat := cellCtx{sheet: name, ref: xlsxread.CellName(2, lr.row), column: canon}
		v, _ := r.text(lr.value, vat)
		if n := len([]rune(v)); n > MaxEvaluationChars {
			r.add(finding.RuleTextTooLong, vat, "", "length", strconv.Itoa(n), "max", strconv.Itoa(MaxEvaluationChars))
			continue
		}
		texts[canon] = v
	}
	for _, l := range EnumEvaluation.Values {
		if texts[l] != "" {
			r.sub.Evaluation = append(r.sub.Evaluation, Narrative{Label: l, Text: texts[l]})
		}
	}
}

// readCovered reads `Đơn vị tổng hợp` of a roll-up file.
func (r *reader) readCovered() {
	name, ok := r.sheets[SheetCovered]
	if !ok {
		r.add(finding.RuleRollupSheetMissing, cellCtx{}, "")
		return
	}
	_ = name
	seen := map[string]int{}
	saved := r.rollup
	r.rollup = false // the sheet has no `Mã đơn vị báo cáo` column
	defer func() { r.rollup = saved }()
	r.coveredSeen = seen
	r.readTable(CoveredSheet)
}

func (r *reader) coveredRow(t *tableRow) map[string]int64 {
	at := t.at(ColUnitCode)
	code := r.reqText(t, ColUnitCode)
	cu := CoveredUnit{Row: t.num, Code: code}
	cu.Name = r.optText(t, ColUnitName)
	cu.Status = r.reqEnum(t, ColCoverState)
	cu.Received, _ = r.date(t.cell(ColReceived), t.at(ColReceived))
	if code == "" {
		return nil
	}
	if r.opt.Units != nil {
		u := r.opt.Units.Lookup(code)
		if u == nil || r.unit == nil || !(u == r.unit || r.unit.IsAncestorOf(u)) || !u.Reports {
			r.add(finding.RuleRollupUnitOutside, at, code, "rollup", r.sub.Info.UnitCode)
		} else {
			cu.Code = u.Code
		}
	}
	key := strings.ToUpper(cu.Code)
	if first, dup := r.coveredSeen[key]; dup {
		r.add(finding.RuleRollupDuplicateUnit, at, cu.Code, "first", strconv.Itoa(first))
		return nil
	}
	r.coveredSeen[key] = t.num
	r.sub.Covered = append(r.sub.Covered, cu)
	return nil
}

// checkRollupRows: every unit with rows must be listed as reported on `Đơn vị tổng hợp`.
func (r *reader) checkRollupRows() {
	if _, ok := r.sheets[SheetCovered]; !ok {
		return
	}
	listed := map[string]bool{}
	for _, c := range r.sub.Covered {
		if c.Status == CoverReported || c.Status == CoverLate {
			listed[strings.ToUpper(c.Code)] = true
		}
	}
	reported := map[string]bool{}
	check := func(unit, sheet string, row int) {
		if unit == "" || listed[strings.ToUpper(unit)] || reported[strings.ToUpper(unit)] {
			return
		}
		reported[strings.ToUpper(unit)] = true
		name := r.sheets[sheet]
		r.add(finding.RuleRollupUnitNotListed, cellCtx{sheet: name, ref: r.unitRefs[name+"\x00"+strconv.Itoa(row)]}, unit)
	}
	for _, a := range r.sub.Agreements {
		check(a.Unit, SheetAgreements, a.Row)
	}
	for _, p := range r.sub.Purchases {
		check(p.Unit, SheetPurchases, p.Row)
	}
	for _, c := range r.sub.Checks {
		check(c.Unit, SheetChecks, c.Row)
	}
	for _, a := range r.sub.Activities {
		check(a.Unit, SheetActivities, a.Row)
	}
}

// errorsSince reports whether an error finding was added after the first n findings.
func (r *reader) errorsSince(n int) bool {
	for _, f := range r.res.Findings[n:] {
		if f.Severity() == finding.Error {
			return true
		}
	}
	return false
}
