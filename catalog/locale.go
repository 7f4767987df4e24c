package catalog

import "strings"

// LocaleLanguage maps the POSIX locale to a language tag: zh_HK, zh_TW and
// zh_MO (and zh_Hant) give zh-Hant; anything else gives en.
func LocaleLanguage(getenv func(string) string) string {
	locale := ""
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" {
			locale = v
			break
		}
	}
	// Strip the encoding and modifier: zh_HK.UTF-8@stroke → zh_HK.
	if i := strings.IndexAny(locale, ".@"); i >= 0 {
		locale = locale[:i]
	}
	switch strings.ReplaceAll(strings.ToLower(locale), "-", "_") {
	case "zh_hk", "zh_tw", "zh_mo", "zh_hant", "zh_hant_hk", "zh_hant_tw", "zh_hant_mo":
		return "zh-Hant"
	}
	return "en"
}
