// Package yamlx holds the mechanics shared by vdhv's readers of hand-written
// YAML files (pkg/config for vdhv.yaml, pkg/units for units.yaml, pkg/report
// for the committee's text in bao-cao/): decoding exactly one document into a
// node tree, turning the YAML library's errors into a line and a message,
// suggesting the allowed key closest to a mistyped one, and cutting and
// normalising text quoted in messages.
//
// It has no messages of its own for users: each reader words its problems
// (English and Vietnamese, with its own codes) from the Error kinds Decode
// returns. Checks that the readers do differently (aliases, merge keys, what
// an empty file means) stay in the readers.
//
// Decisions:
//   - Decode never panics: the YAML library panics on a few internal errors,
//     which Decode returns as an Error of kind Unreadable.
//   - The library's parser (as opposed to its scanner) reports 0-based line
//     numbers; Decode adds one for those messages so that every line is
//     1-based. Messages without a line give line 0.
//   - An empty stream (nothing, or comments only) is not an error: Decode
//     returns a nil root. A document of "---" alone is a null scalar root.
//   - Suggest accepts a key within two edits (Levenshtein, by rune), after
//     lower-casing, trimming and reading '-' as '_'; keys longer than 40 bytes
//     get no suggestion. On a tie the allowed key listed first wins.
package yamlx
