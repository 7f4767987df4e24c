package cli

import (
	"bytes"
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"achilles/cases"
	"achilles/catalog"
)

// demoCmd is course mode (achilles demo): a preset case in the
// questionnaire, with the teaching overlay, for an instructor to step
// through in front of a class.
type demoCmd struct {
	g           *globals
	interactive *interactiveCmd // the questionnaire's flags, which demo takes too
	list        bool
	caseID      string // "" for the list of cases
}

func newDemo(env Env, g *globals, s *interactiveCmd) *cobra.Command {
	o := &demoCmd{g: g, interactive: s}
	cmd := &cobra.Command{
		Use:   "demo [CASE]",
		Short: "Course mode: step through a course case",
		Long: `Opens the questionnaire with a course case's answers ready and the teaching
overlay on: each key press chooses the next answer, and the running estimate
shows how it moved. Any answer can be changed live. --list lists the cases.`,
		Example: `  achilles demo --list
  achilles demo classic
  achilles assess --case missed --answer thompson=negative`,
		Args: func(cmd *cobra.Command, args []string) error {
			switch {
			case o.list && len(args) > 0:
				return usagef("demo --list takes no case; got %q", args[0])
			case len(args) > 1:
				return usagef("demo takes one case, got %d: %q", len(args), args)
			case len(args) == 1:
				if _, ok := cases.Get(args[0]); !ok {
					return usageError{cases.UnknownError(args[0])}
				}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.caseID = args[0]
			}
			return o.run(cmd.Context(), env)
		},
	}
	cmd.Flags().BoolVar(&o.list, "list", false, "list the cases: ID, a tab, the title")
	return cmd
}

func (o *demoCmd) run(ctx context.Context, env Env) error {
	cat, err := language(env, o.g)
	if err != nil {
		return err
	}
	if o.list || o.caseID == "" {
		// Without a case, the cases to choose from.
		if _, err := env.Stdout.Write(caseLines(cat)); err != nil || o.list {
			return err
		}
		fmt.Fprintln(env.Stderr, "achilles: choose a case: achilles demo ID, for example achilles demo classic")
		return nil
	}
	o.interactive.teach = true
	o.interactive.caseID = o.caseID
	return o.interactive.run(ctx, env)
}

// caseLines is the --list output: one case a line, its ID, a tab, its title.
func caseLines(cat *catalog.Catalog) []byte {
	var b bytes.Buffer
	for _, c := range cases.All() {
		fmt.Fprintf(&b, "%s\t%s\n", c.ID, cat.T(c.TitleKey()))
	}
	return b.Bytes()
}
