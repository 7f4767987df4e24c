package cli

import (
	"errors"
	"path/filepath"
	"runtime"

	"achilles/catalog"
)

// dataDir is where achilles keeps its files for this user: the club log
// and the server's host key. It follows each platform's convention:
// $XDG_DATA_HOME (else ~/.local/share) on Linux and the BSDs,
// ~/Library/Application Support on macOS, %LocalAppData% on Windows.
// The directory is not created here; whoever writes into it creates it
// with mode 0700.
func dataDir(env Env) (string, error) {
	home := env.Getenv("HOME")
	var base string
	switch runtime.GOOS {
	case "windows":
		base = env.Getenv("LocalAppData")
		if base == "" {
			if p := env.Getenv("USERPROFILE"); p != "" {
				base = filepath.Join(p, "AppData", "Local")
			}
		}
	case "darwin", "ios":
		if home != "" {
			base = filepath.Join(home, "Library", "Application Support")
		}
	default:
		base = env.Getenv("XDG_DATA_HOME")
		if !filepath.IsAbs(base) { // the XDG spec: a relative value is ignored
			base = ""
		}
		if base == "" && home != "" {
			base = filepath.Join(home, ".local", "share")
		}
	}
	if base == "" {
		return "", errors.New("cannot find your data directory (HOME is not set)")
	}
	return filepath.Join(base, "achilles"), nil
}

// dbPath is the club log's file: --db, else ACHILLES_DB, else log.db in the
// data directory.
func dbPath(env Env, g *globals, cat *catalog.Catalog) (string, error) {
	if g.db != "" {
		return g.db, nil
	}
	if p := env.Getenv("ACHILLES_DB"); p != "" {
		return p, nil
	}
	dir, err := dataDir(env)
	if err != nil {
		// The only reason is a missing HOME, said in the session's language.
		return "", usageT(cat, "clublog.error.no_data_dir")
	}
	return filepath.Join(dir, "log.db"), nil
}
