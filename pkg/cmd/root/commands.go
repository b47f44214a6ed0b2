package root

// constructors lists the subcommands in help order. Each lives in its own package under
// pkg/cmd.
var constructors = []constructor{}
