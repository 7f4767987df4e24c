package cli

import (
	"strings"

	"github.com/spf13/pflag"

	"achilles/catalog"
)

// formatFlag is a command's --format: its value and the values allowed,
// registered and checked the same way by every command.
type formatFlag struct {
	value   string
	allowed []string
}

// register adds --format to f with its default (def), the allowed values
// and a note after them in the help ("" for none).
func (o *formatFlag) register(f *pflag.FlagSet, def, note string, allowed ...string) {
	o.allowed = allowed
	usage := "output format: " + strings.Join(allowed[:len(allowed)-1], ", ") + " or " + allowed[len(allowed)-1]
	if note != "" {
		usage += " " + note
	}
	f.StringVar(&o.value, "format", def, usage)
}

// check refuses a value outside the allowed ones, naming them: bad usage,
// exit code 2.
func (o *formatFlag) check() error {
	for _, a := range o.allowed {
		if o.value == a {
			return nil
		}
	}
	return usagef("--format %q is not allowed; allowed: %s", o.value, strings.Join(o.allowed, ", "))
}

// language checks --format, then gives the catalog of the language asked
// for: a command with a --format refuses a bad one before anything else.
func (o *formatFlag) language(env Env, g *globals) (*catalog.Catalog, error) {
	if err := o.check(); err != nil {
		return nil, err
	}
	return language(env, g)
}
