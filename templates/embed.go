// Package templates holds the files vdhv embeds in its binary: the PDF fonts, the layout
// profiles of the official Party report and the report wording. Everything here can be
// overridden from a workspace without rebuilding (see each loader).
package templates

import "embed"

// FS is the embedded tree of templates/ (fonts/, layout/, report/ …).
//
//go:embed fonts layout report
var FS embed.FS
