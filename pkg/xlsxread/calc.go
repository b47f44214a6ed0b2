package xlsxread

import (
	"bytes"
	"fmt"

	"github.com/xuri/excelize/v2"
)

// Calc computes the value of a formula cell that has no cached value, using
// excelize as the engine. The excelize file is opened on first use (with
// UnzipSizeLimit = MaxTotalBytes and UnzipXMLSizeLimit = MaxPartBytes) and
// kept until Close. The result is the raw value (no number format applied).
// A panic inside excelize is turned into an error.
func (wb *Workbook) Calc(sheet, ref string) (result string, err error) {
	if _, err := wb.findSheet(sheet); err != nil {
		return "", err
	}
	defer func() {
		if r := recover(); r != nil {
			result, err = "", fmt.Errorf("xlsxread: formula engine failed on %s!%s: %v", sheet, ref, r)
		}
	}()
	if wb.calc == nil && wb.calcErr == nil {
		wb.calc, wb.calcErr = excelize.OpenReader(bytes.NewReader(wb.data), excelize.Options{
			UnzipSizeLimit:    wb.lim.MaxTotalBytes,
			UnzipXMLSizeLimit: min(wb.lim.MaxPartBytes, wb.lim.MaxTotalBytes),
		})
		if wb.calcErr != nil {
			wb.calcErr = fmt.Errorf("xlsxread: formula engine cannot open the workbook: %w", wb.calcErr)
		}
	}
	if wb.calcErr != nil {
		return "", wb.calcErr
	}
	v, err := wb.calc.CalcCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	if err != nil {
		return "", fmt.Errorf("xlsxread: cannot compute %s!%s: %w", sheet, ref, err)
	}
	return v, nil
}
