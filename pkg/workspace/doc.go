// Package workspace is the workspace on disk: its layout, opening and creating it, filing
// received submissions with every version kept, the receipt ledger, scanning the current
// submissions and deciding each unit's reporting status.
//
// # Layout
//
//	<root>/units.yaml                       the unit hierarchy (required; marks the root)
//	<root>/vdhv.yaml                        settings (optional, pkg/config)
//	<root>/submissions/<YYYY>/Q<n>/<CODE>.xlsx            current file of a unit
//	<root>/submissions/<YYYY>/Q<n>/<CODE>+tong-hop.xlsx   current roll-up of a đảng ủy
//	<root>/submissions/<YYYY>/Q<n>/.versions/<CODE>[+tong-hop]/v<N>-<sha8>.xlsx
//	                                        every version received (the current one too)
//	<root>/submissions/ledger.jsonl         one receipt per line (below)
//	<root>/submissions/.lock                the lock of receive (transient)
//	<root>/out/                             outputs (git-ignored)
//	<root>/bao-cao/                         the committee's report texts
//
// A roll-up has its own file name because a đảng ủy that reports for its own office can
// have both a unit file and a roll-up in one quarter; '+' never occurs in a unit code, so
// the two names cannot collide. Version folders are hidden (dot) so that listings of a
// quarter show only current files; they are meant to be committed to git with the rest.
//
// # Ledger
//
// submissions/ledger.jsonl holds one JSON object per line, keys in this order:
//
//	{"received":"2025-07-05T09:30:00+07:00","unit":"DU-XD-01","quarter":"2025-Q2",
//	 "sha256":"…","original_name":"bao cao quy 2.xlsx","size":12345,"version":2,"source":"receive"}
//
// plus "rollup":true for roll-ups. received is in Vietnam time (UTC+7), whole seconds.
// source is "receive", or "existing" for a current file that was not in the ledger (put in
// place by hand) and was kept as a version when a received file replaced it; its received
// is the file's modification time. Versions are numbered per unit, quarter and kind from 1.
// Readers need no lock: a line is appended with one write and fsynced. A malformed last line
// without its newline is a torn append and is skipped (the receive that wrote it had not
// finished, so nothing acknowledged is lost); the next append cuts it off first. Any other
// malformed line is an error naming the line: the ledger is a record, so vdhv does not
// guess around damage. A Workspace caches the parsed complete lines and, when the file still
// starts with those bytes, parses only what was appended (every store re-reads the ledger
// under the lock; a year of 8,000 receipts is ~2 MB and ~40 ms to parse from scratch).
//
// # Receive, and why a crash at any moment is safe
//
// Receive validates each file (in parallel), reading its bytes once so that what is stored is
// exactly what was validated. A file with errors is refused: nothing is written. A valid
// file is filed under the unit and quarter written IN the file (Mã đơn vị, Kỳ báo cáo),
// whatever its name. Under the workspace lock, one file at a time:
//
//  1. if the current file's content is not in the ledger (placed by hand), it is stored as
//     a version with source "existing";
//  2. the new content is stored as .versions/<CODE>/v<N>-<sha8>.xlsx (atomic write);
//  3. the current file is replaced (atomic write: temp file, fsync, rename, fsync folder);
//  4. the receipt is appended to the ledger (fsync) — the commit point.
//
// Killed between 2 and 3, or 3 and 4, the version file (and maybe the current file) exist
// without a ledger line. Receiving the same file again finds the current content unrecorded
// (not a duplicate), reuses the orphan version file and records it; a different file takes
// the next number, above every number in the ledger and on disk, so numbers are never
// reused and a gap marks an interrupted receive. Until then Scan reports the unrecorded
// current file with an unknown receipt time. Receiving content equal to the current version
// is a Duplicate: nothing is stored and no line is written.
//
// # Lock
//
// submissions/.lock is created with O_CREATE|O_EXCL (no flock, so it works the same on
// Windows and on shared folders) and holds pid, host and a random token. Waiters retry with
// jittered backoff for up to 60 s. A lock is stale when its holder's pid is gone on this
// host, when it has no readable content after 2 s, or when it is older than 2 minutes (a
// hold lasts one file's store); a stale lock is removed under a second guard file
// (.lock.break) so that two waiters never both break it, and the holder only removes its own
// lock (token check).
//
// # Scan and receipt times
//
// Scan reads every spreadsheet-like file (.xlsx, and .xls/.xlsb/.ods/.csv/… sent in its
// place) in the quarter folders; the content decides (an .xls gets the reader's VDHV-E001
// and is invalid; a real xlsx with a wrong extension is read as what it is). The entry's
// unit is the code in the file when it is in the hierarchy, else the file name's. Receipt
// time: the ledger's latest receipt of the same unit, quarter, kind and content; else, in a
// git repository, the committer date of the last commit that added or modified the file
// (not only added: a resubmission committed over the old file is a new receipt), used only
// when the working file equals the committed blob; else unknown, which counts as on time.
//
// # Scanning thousands of files
//
// ScanWith (Scan with options) reads the files on every core. Each file is read once and
// hashed once (the form reader's sha256 is the entry's SHA256; git's blob ids are
// computed only for the few entries the ledger does not date, by reading those files
// again). With ScanOptions.Light an entry keeps a light Result (findings, Info, Covered,
// copied out of the file's buffers), and a Reduce/Use pair lets the caller keep what it
// needs of each valid submission (pkg/engine: its aggregate digest) before the
// submission is dropped; that is what keeps an aggregation's memory flat in the number
// of files.
//
// The scan cache (Cache, OpenCache, DefaultCacheDir) keeps a file's light Result and
// reduced bytes between runs in the user's cache folder (vdhv/scan; VDHV_CACHE_DIR moves
// it, VDHV_CACHE_DIR=off turns it off). Decisions:
//
//   - The key is the file's sha256 and its folder's quarter, within a context: the cache
//     format, the caller's format of the reduced bytes, the sha256 of the running
//     executable (another build of vdhv never trusts this one's results) and the bytes of
//     units.yaml and vdhv.yaml. Never the name, size or modification time: a file replaced
//     by content with the same name and time is read afresh, and renaming a file costs
//     nothing. Hashing every file (~0.1 ms for a typical form) is the price.
//   - One file per entry under <dir>/<context>/<ab>/, written to a temporary name and
//     renamed, with a CRC-32 and the key inside: concurrent runs, killed runs and damaged
//     entries only cost a fresh read (TestStreamingMatchesReference damages every entry).
//     A context's folder unused for CacheMaxIdle (14 days) is removed when another
//     context is opened. The folder is created 0700: the entries hold figures and the
//     findings' texts of the submissions.
//   - Any failure of the cache (no folder, read-only disk) silently costs only time.
//
// # Status
//
// See Status for the rules. Decisions where the spec is silent: among several files of one
// unit and quarter a valid one beats an invalid one and the newest receipt wins (unknown
// times rank after known ones, then path order), the rest being reported as conflicts; a
// unit's own valid file beats a roll-up listing it (reported as a conflict, VDHV-E110); a
// roll-up's "Đã báo cáo" becomes late when the roll-up itself arrived late.
//
// # Codes as file names
//
// SubmissionPath and friends accept only codes that are portable file names (CheckCode):
// ASCII letters, digits, '-', '_', '.', not starting or ending with '.', at most 64
// characters, not a Windows device name (CON, PRN, AUX, NUL, COM1–9, LPT1–9, with any
// extension). This rejects "..", separators, absolute paths, drive letters, NUL bytes and
// trailing spaces. A code is spelled as in units.yaml when the unit exists, so the same unit
// always maps to the same file on case-insensitive file systems.
//
// # Messages
//
// Errors are *Error (Error() English, Localized(lang) Vietnamese unless "en"), except that
// Open returns pkg/config's and pkg/units' own errors unchanged.
package workspace
