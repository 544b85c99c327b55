package main

import (
	"fmt"
	"regexp"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
)

// workload is a Deployment or a StatefulSet: what the rules look at in both.
type workload struct {
	kind, name string
	template   corev1.PodTemplateSpec
}

// The platform's own rules, those a manifest can break while still decoding:
// what the deployment issue promises of every pod, and references between
// objects that would only fail once applied.
func checkRules(objects []object) []error {
	var errs []error
	var workloads []workload
	services := map[string]*corev1.Service{}
	for _, o := range objects {
		switch v := o.Value.(type) {
		case *appsv1.Deployment:
			workloads = append(workloads, workload{"Deployment", v.Name, v.Spec.Template})
		case *appsv1.StatefulSet:
			workloads = append(workloads, workload{"StatefulSet", v.Name, v.Spec.Template})
		case *corev1.Service:
			services[v.Name] = v
		}
	}
	for _, w := range workloads {
		errs = append(errs, checkPod(w)...)
	}
	for _, o := range objects {
		switch v := o.Value.(type) {
		case *appsv1.Deployment:
			errs = append(errs, checkScaledAndGuarded(v, objects)...)
		case *corev1.Service:
			if len(v.Spec.Selector) > 0 && !selectsAny(labels.SelectorFromSet(v.Spec.Selector), workloads) {
				errs = append(errs, fmt.Errorf("Service %s selects no pod", v.Name))
			}
		case *autoscalingv2.HorizontalPodAutoscaler:
			if !hasWorkload(workloads, v.Spec.ScaleTargetRef.Kind, v.Spec.ScaleTargetRef.Name) {
				errs = append(errs, fmt.Errorf("HorizontalPodAutoscaler %s scales a missing %s %s", v.Name, v.Spec.ScaleTargetRef.Kind, v.Spec.ScaleTargetRef.Name))
			}
		case *policyv1.PodDisruptionBudget:
			if !selectsAny(selector(v.Spec.Selector), workloads) {
				errs = append(errs, fmt.Errorf("PodDisruptionBudget %s selects no pod", v.Name))
			}
		case *networkingv1.Ingress:
			errs = append(errs, checkIngress(v, services)...)
		}
	}
	return errs
}

var secretName = regexp.MustCompile(`(?i)(PASSWORD|SECRET|TOKEN|KEY)$`)

func checkPod(w workload) []error {
	var errs []error
	fail := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s %s: %s", w.kind, w.name, fmt.Sprintf(format, args...)))
	}
	pod := w.template.Spec
	if pod.SecurityContext == nil || pod.SecurityContext.RunAsNonRoot == nil || !*pod.SecurityContext.RunAsNonRoot {
		fail("pod securityContext.runAsNonRoot must be true")
	}
	if pod.AutomountServiceAccountToken == nil || *pod.AutomountServiceAccountToken {
		fail("automountServiceAccountToken must be false (no app talks to the Kubernetes API)")
	}
	for _, c := range append(append([]corev1.Container{}, pod.InitContainers...), pod.Containers...) {
		if !strings.Contains(c.Image, ":") || strings.HasSuffix(c.Image, ":latest") {
			fail("container %s: image %q needs a pinned tag", c.Name, c.Image)
		}
		for _, r := range []corev1.ResourceName{corev1.ResourceCPU, corev1.ResourceMemory} {
			if _, ok := c.Resources.Requests[r]; !ok {
				fail("container %s: no %s request", c.Name, r)
			}
		}
		if _, ok := c.Resources.Limits[corev1.ResourceMemory]; !ok {
			fail("container %s: no memory limit", c.Name)
		}
		sc := c.SecurityContext
		if sc == nil || sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation {
			fail("container %s: allowPrivilegeEscalation must be false", c.Name)
		}
		if sc == nil || sc.ReadOnlyRootFilesystem == nil || !*sc.ReadOnlyRootFilesystem {
			fail("container %s: readOnlyRootFilesystem must be true", c.Name)
		}
		for _, e := range c.Env {
			if secretName.MatchString(e.Name) && e.ValueFrom == nil && !strings.HasPrefix(e.Value, "$(") {
				fail("container %s: %s must come from a Secret, not a literal", c.Name, e.Name)
			}
		}
	}
	for _, c := range pod.Containers {
		if c.ReadinessProbe == nil || c.LivenessProbe == nil {
			fail("container %s: needs readiness and liveness probes", c.Name)
		}
	}
	return errs
}

// Every app is scaled by an autoscaler, kept available through voluntary
// disruptions, and fenced by a NetworkPolicy.
func checkScaledAndGuarded(d *appsv1.Deployment, objects []object) []error {
	var hpa, pdb, policy bool
	podLabels := labels.Set(d.Spec.Template.Labels)
	for _, o := range objects {
		switch v := o.Value.(type) {
		case *autoscalingv2.HorizontalPodAutoscaler:
			hpa = hpa || (v.Spec.ScaleTargetRef.Kind == "Deployment" && v.Spec.ScaleTargetRef.Name == d.Name)
		case *policyv1.PodDisruptionBudget:
			pdb = pdb || selector(v.Spec.Selector).Matches(podLabels)
		case *networkingv1.NetworkPolicy:
			policy = policy || (len(v.Spec.PodSelector.MatchLabels)+len(v.Spec.PodSelector.MatchExpressions) > 0 && selector(&v.Spec.PodSelector).Matches(podLabels))
		}
	}
	var errs []error
	for what, ok := range map[string]bool{"HorizontalPodAutoscaler": hpa, "PodDisruptionBudget": pdb, "NetworkPolicy of its own": policy} {
		if !ok {
			errs = append(errs, fmt.Errorf("Deployment %s has no %s", d.Name, what))
		}
	}
	return errs
}

func checkIngress(in *networkingv1.Ingress, services map[string]*corev1.Service) []error {
	var errs []error
	for _, rule := range in.Spec.Rules {
		if rule.HTTP == nil {
			continue
		}
		for _, p := range rule.HTTP.Paths {
			svc := services[p.Backend.Service.Name]
			if svc == nil || !hasPort(svc, p.Backend.Service.Port) {
				errs = append(errs, fmt.Errorf("Ingress %s: path %s goes to a missing service port %s", in.Name, p.Path, p.Backend.Service.Name))
			}
		}
	}
	return errs
}

func hasPort(svc *corev1.Service, port networkingv1.ServiceBackendPort) bool {
	for _, p := range svc.Spec.Ports {
		if (port.Name != "" && p.Name == port.Name) || (port.Number != 0 && p.Port == port.Number) {
			return true
		}
	}
	return false
}

func selector(s *metav1.LabelSelector) labels.Selector {
	sel, err := metav1.LabelSelectorAsSelector(s)
	if err != nil {
		return labels.Nothing()
	}
	return sel
}

func selectsAny(sel labels.Selector, workloads []workload) bool {
	for _, w := range workloads {
		if sel.Matches(labels.Set(w.template.Labels)) {
			return true
		}
	}
	return false
}

func hasWorkload(workloads []workload, kind, name string) bool {
	for _, w := range workloads {
		if w.kind == kind && w.name == name {
			return true
		}
	}
	return false
}
