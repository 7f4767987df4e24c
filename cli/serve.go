package cli

import "github.com/spf13/cobra"

// Placeholder until the serve command lands; this whole file is replaced.
func newServe(env Env, g *globals) *cobra.Command {
	return &cobra.Command{Use: "serve", Hidden: true}
}
