package cli

import (
	"io"

	"github.com/spf13/cobra"

	"achilles/clublog"
)

func newLogExport(env Env, g *globals) *cobra.Command {
	var format, output string
	cmd := &cobra.Command{
		Use:   "export --format csv|json",
		Short: "Export every record, for a spreadsheet or the physio",
		Long: `Writes every record of the club log, oldest first, as CSV (with a header row;
the answers are one JSON object in the last column) or as a JSON array of
the objects "achilles log show --format json" prints. --output writes a file
(mode 0600) that appears whole or not at all; without it, stdout.`,
		Example: `  achilles log export --format csv --output club-log.csv
  achilles log export --format json > club-log.json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !cmd.Flags().Changed("format") {
				return usagef("--format is required: csv or json, as in achilles log export --format csv --output club-log.csv")
			}
			if err := checkFormat(format, "csv", "json"); err != nil {
				return err
			}
			return withLog(env, g, func(l *clublog.Log) error {
				return writeOutput(env, output, l.Path(), func(w io.Writer) error {
					if format == "csv" {
						return l.WriteCSV(cmd.Context(), w)
					}
					return l.WriteJSON(cmd.Context(), w)
				})
			})
		},
	}
	cmd.Flags().StringVar(&format, "format", "", "output format: csv or json (required)")
	cmd.Flags().StringVar(&output, "output", "", "write to `FILE` (mode 0600, replaced whole) instead of stdout")
	return cmd
}
