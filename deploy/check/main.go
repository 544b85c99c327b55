// Command deploy-check validates the Kubernetes manifests of Grappes without a
// cluster: it renders each kustomize overlay, decodes every object strictly
// into the Kubernetes API types (an unknown or misspelt field fails), applies
// the platform's own rules (rules.go), checks the Prometheus rule files, and
// writes each rendered overlay to -out for the linters that read files.
//
//	deploy-check -out DIR -rules FILE... OVERLAY...
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

func main() {
	out := flag.String("out", "", "folder to write each rendered overlay to (<overlay>.yaml)")
	var ruleFiles stringList
	flag.Var(&ruleFiles, "rules", "a Prometheus rule file to check (repeatable)")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: deploy-check [-out DIR] [-rules FILE]... OVERLAY...")
		os.Exit(2)
	}
	problems := 0
	for _, overlay := range flag.Args() {
		problems += checkOverlay(overlay, *out)
	}
	for _, file := range ruleFiles {
		problems += report(file, checkPrometheusRules(file))
	}
	if problems > 0 {
		fmt.Fprintf(os.Stderr, "deploy-check: %d problem(s)\n", problems)
		os.Exit(1)
	}
}

func checkOverlay(overlay, out string) int {
	rendered, err := render(overlay)
	if err != nil {
		return report(overlay, []error{err})
	}
	if out != "" {
		name := filepath.Join(out, filepath.Base(overlay)+".yaml")
		if err := os.WriteFile(name, rendered, 0o644); err != nil {
			return report(overlay, []error{err})
		}
	}
	objects, errs := decodeAll(rendered)
	errs = append(errs, checkRules(objects)...)
	if len(errs) == 0 {
		fmt.Printf("deploy-check: %s: %d objects, valid\n", overlay, len(objects))
	}
	return report(overlay, errs)
}

func report(what string, errs []error) int {
	for _, err := range errs {
		fmt.Fprintf(os.Stderr, "%s: %v\n", what, err)
	}
	return len(errs)
}
