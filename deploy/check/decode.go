package main

import (
	"bytes"
	"fmt"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	"sigs.k8s.io/yaml"
)

// object is one decoded manifest: its typed value, or for a custom resource
// (no Go type in k8s.io/api) the generic map.
type object struct {
	APIVersion, Kind, Name string
	Value                  any
}

// The kinds the manifests may use, each with the Go type it must decode into.
var kinds = map[string]func() any{
	"v1/Namespace":                           func() any { return &corev1.Namespace{} },
	"v1/ConfigMap":                           func() any { return &corev1.ConfigMap{} },
	"v1/Secret":                              func() any { return &corev1.Secret{} },
	"v1/Service":                             func() any { return &corev1.Service{} },
	"v1/ServiceAccount":                      func() any { return &corev1.ServiceAccount{} },
	"apps/v1/Deployment":                     func() any { return &appsv1.Deployment{} },
	"apps/v1/StatefulSet":                    func() any { return &appsv1.StatefulSet{} },
	"autoscaling/v2/HorizontalPodAutoscaler": func() any { return &autoscalingv2.HorizontalPodAutoscaler{} },
	"policy/v1/PodDisruptionBudget":          func() any { return &policyv1.PodDisruptionBudget{} },
	"networking.k8s.io/v1/NetworkPolicy":     func() any { return &networkingv1.NetworkPolicy{} },
	"networking.k8s.io/v1/Ingress":           func() any { return &networkingv1.Ingress{} },
	"batch/v1/Job":                           func() any { return &batchv1.Job{} },
}

// Custom resources of operators the prod overlay relies on: their schemas are
// not in k8s.io/api, so only their shape (metadata.name, spec) is checked.
var customKinds = map[string]bool{
	"external-secrets.io/v1/ExternalSecret":   true,
	"bitnami.com/v1alpha1/SealedSecret":       true,
	"monitoring.coreos.com/v1/PrometheusRule": true,
}

type header struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	Metadata   struct {
		Name string `json:"name"`
	} `json:"metadata"`
}

func decodeAll(rendered []byte) ([]object, []error) {
	var objects []object
	var errs []error
	for i, doc := range bytes.Split(rendered, []byte("\n---\n")) {
		if len(bytes.TrimSpace(doc)) == 0 {
			continue
		}
		obj, err := decode(doc)
		if err != nil {
			errs = append(errs, fmt.Errorf("document %d (%s %s): %w", i+1, obj.Kind, obj.Name, err))
			continue
		}
		objects = append(objects, obj)
	}
	return objects, errs
}

func decode(doc []byte) (object, error) {
	var h header
	if err := yaml.Unmarshal(doc, &h); err != nil {
		return object{}, err
	}
	obj := object{APIVersion: h.APIVersion, Kind: h.Kind, Name: h.Metadata.Name}
	if obj.Name == "" {
		return obj, fmt.Errorf("no metadata.name")
	}
	key := h.APIVersion + "/" + h.Kind
	if customKinds[key] {
		var generic map[string]any
		if err := yaml.UnmarshalStrict(doc, &generic); err != nil {
			return obj, err
		}
		if _, ok := generic["spec"]; !ok {
			return obj, fmt.Errorf("%s without spec", key)
		}
		obj.Value = generic
		return obj, nil
	}
	newValue, ok := kinds[key]
	if !ok {
		return obj, fmt.Errorf("unexpected kind %s (add it to decode.go with its API type)", key)
	}
	obj.Value = newValue()
	// Strict: an unknown field, a duplicate key or a value of the wrong type fails.
	if err := yaml.UnmarshalStrict(doc, obj.Value); err != nil {
		return obj, err
	}
	return obj, nil
}
