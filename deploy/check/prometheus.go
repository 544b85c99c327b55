package main

import (
	"log/slog"

	"github.com/prometheus/common/model"
	"github.com/prometheus/prometheus/model/rulefmt"
	"github.com/prometheus/prometheus/promql/parser"
)

// checkPrometheusRules parses a rule file as Prometheus loads it: the YAML
// shape (unknown fields refused), each expression's PromQL, and the templates
// of labels and annotations: what `promtool check rules` runs, without the
// rest of Prometheus in the build.
func checkPrometheusRules(file string) []error {
	_, errs := rulefmt.ParseFile(file, false, model.LegacyValidation, parser.NewParser(parser.Options{}), slog.Default())
	return errs
}
