"""The deploy guard (run it as ops/deploy-guard, which picks a python3 with PyYAML).

Fails when a deployment file could expose the club's data publicly or commits a secret value. Born of
the 2026-04-10 incident: a Tailscale funnel put minors' data on the public internet with no
authentication. Offences, each reported as `file:line: message`:

  - a Tailscale funnel switched on (`tailscale.com/funnel` true in any spelling or quoting), an Ingress
    whose class is not `tailscale`, a Service of type LoadBalancer or NodePort, or external IPs,
    unless the object carries the reviewed allow-marker annotation (MARKER below), whose value says
    which app-level authentication stands in front and where that was reviewed;
  - host networking or host ports;
  - a Kubernetes Secret with values (data/stringData), unless every value is SOPS-encrypted;
    a kustomize secretGenerator (it commits its inputs);
  - a password/secret/token-like setting with a literal value (env entries, compose environment,
    KEY=VALUE literals, any mapping key), or a URL / connection string with a literal password.
    References are fine: ${VAR}, ${VAR:?message}, $VAR, $(VAR), secretKeyRef;
  - in compose: a published port not bound to a loopback address, or network_mode: host;
  - in .env-style files (.env.example): a secret-looking variable with a value;
  - a file that does not parse (fail closed).

Usage: deploy-guard [PATH...]   (default: docker-compose.yml .env.example ops/k8s, from the repo root)
Exit: 0 no offence, 1 offences (listed on stdout), 2 usage error.
"""

import ipaddress
import os
import re
import sys

import yaml

MARKER = "westside-projections/public-exposure-reviewed"
FUNNEL = "tailscale.com/funnel"
TRUTHY = {"true", "yes", "on", "y", "1"}
SECRET_NAME = re.compile(
    r"(password|passwd|pwd|secret|token|api[-_]?key|private[-_]?key|credentials?)$", re.IGNORECASE
)
REFERENCE = re.compile(
    r"^(\$\{[A-Za-z_][A-Za-z0-9_]*(:?\?[^}]*|:?-)?\}|\$[A-Za-z_][A-Za-z0-9_]*|\$\([A-Za-z_][A-Za-z0-9_]*\))$"
)
# The password part may be a ${VAR:?message} reference, spaces and all.
URL_PASSWORD = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^/\s:@]+:(\$\{[^}]*\}|[^@\s/]*)@")
KEYWORD_PASSWORD = re.compile(r"(?:^|[;\s])(?:password|pwd)\s*=\s*(\$\{[^}]*\}|[^;\s]*)", re.IGNORECASE)
KEY_EQUALS_VALUE = re.compile(r"^-{0,2}([A-Za-z_][A-Za-z0-9_.-]*)=(.*)$", re.DOTALL)
WORKLOAD_KINDS = {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod"}
YAML_SUFFIXES = (".yml", ".yaml")
DEFAULT_PATHS = ["docker-compose.yml", ".env.example", "ops/k8s"]


def is_literal(value):
    """A non-empty value that is not a reference to something set elsewhere."""
    value = value.strip()
    return value != "" and REFERENCE.match(value) is None


def line_of(node):
    return node.start_mark.line + 1


def scalar(node):
    return node.value if isinstance(node, yaml.ScalarNode) else None


def get(node, key):
    """The value node of `key` in a mapping node (following `<<` merges), or None."""
    if not isinstance(node, yaml.MappingNode):
        return None
    merges = []
    for k, v in node.value:
        if scalar(k) == key:
            return v
        if scalar(k) == "<<":
            merges.extend(v.value if isinstance(v, yaml.SequenceNode) else [v])
    for merged in merges:
        found = get(merged, key)
        if found is not None:
            return found
    return None


def is_text(node):
    """A string scalar (quoted, or plain and not a YAML boolean/number/null such as automountServiceAccountToken: false)."""
    return isinstance(node, yaml.ScalarNode) and (node.style in ('"', "'", "|", ">") or node.tag == "tag:yaml.org,2002:str")


def items(node):
    return node.value if isinstance(node, yaml.MappingNode) else []


def truthy(node):
    value = scalar(node)
    return value is not None and value.strip().lower() in TRUTHY


class Guard:
    def __init__(self):
        self.offences = []

    def report(self, path, node_or_line, message):
        line = node_or_line if isinstance(node_or_line, int) else line_of(node_or_line)
        offence = f"{path}:{line}: {message}"
        if offence not in self.offences:
            self.offences.append(offence)

    # ---- files -----------------------------------------------------------------------------
    def check_path(self, path):
        if os.path.isdir(path):
            for base, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    if name.endswith(YAML_SUFFIXES) or is_env_file(name):
                        self.check_file(os.path.join(base, name))
        elif os.path.isfile(path):
            self.check_file(path)
        else:
            print(f"deploy-guard: no such file or directory: {path}", file=sys.stderr)
            sys.exit(2)

    def check_file(self, path):
        if is_env_file(os.path.basename(path)):
            self.check_env_file(path)
            return
        try:
            with open(path, encoding="utf-8") as f:
                documents = list(yaml.compose_all(f, Loader=yaml.SafeLoader))
        except (yaml.YAMLError, UnicodeDecodeError) as e:
            mark = getattr(e, "problem_mark", None)
            self.report(path, mark.line + 1 if mark else 1, f"cannot parse as YAML, so it cannot be checked: {e}")
            return
        for doc in documents:
            if doc is not None:
                self.check_document(path, doc)

    def check_env_file(self, path):
        with open(path, encoding="utf-8") as f:
            for number, text in enumerate(f, start=1):
                match = KEY_EQUALS_VALUE.match(text.strip())
                if match and SECRET_NAME.search(match.group(1)) and is_literal(match.group(2)):
                    self.report(path, number, f"{match.group(1)} has a value: .env templates leave secrets empty")

    # ---- documents --------------------------------------------------------------------------
    def check_document(self, path, doc, marker=None):
        kind = scalar(get(doc, "kind"))
        if marker is None:
            marker = reviewed_marker(doc)
        if kind == "Secret":
            self.check_secret(path, doc)
        # A Secret's values are reported once, by check_secret.
        self.scan(path, doc, marker, secret_keys=kind != "Secret")
        if kind == "Service":
            self.check_service(path, doc, marker)
        elif kind == "Ingress":
            self.check_ingress(path, doc, marker)
        elif kind == "Kustomization" or os.path.basename(path) in ("kustomization.yaml", "kustomization.yml"):
            self.check_kustomization(path, doc, marker)
        if kind is None and isinstance(get(doc, "services"), yaml.MappingNode):
            self.check_compose(path, doc)

    def scan(self, path, node, marker, secret_keys=True):
        """Checks that hold wherever a key or value appears."""
        if isinstance(node, yaml.MappingNode):
            name, value = get(node, "name"), get(node, "value")
            if scalar(name) is not None and scalar(value) is not None:
                if SECRET_NAME.search(scalar(name)) and is_literal(scalar(value)):
                    self.report(path, value, f"{scalar(name)} has a literal value: use a secretKeyRef or a ${{VAR}} reference")
            json_path = scalar(get(node, "path"))
            if json_path and "tailscale.com~1funnel" in json_path and truthy(value) and not marker:
                self.report(path, value, "a patch switches the Tailscale funnel on (public internet)" + MARKER_HINT)
            for k, v in node.value:
                key = scalar(k)
                if key == FUNNEL and truthy(v) and not marker:
                    self.report(path, k, f'{FUNNEL}: "{scalar(v)}" puts the service on the public internet' + MARKER_HINT)
                elif key == "AllowFunnel" and any(truthy(value) for _, value in items(v)) and not marker:
                    self.report(path, k, "a Tailscale serve config with AllowFunnel puts the service on the public internet" + MARKER_HINT)
                elif key == "hostNetwork" and truthy(v):
                    self.report(path, k, "hostNetwork: true exposes the pod on the node's network")
                elif key == "hostPort":
                    self.report(path, k, "hostPort exposes the container on the node's address")
                elif secret_keys and key is not None and SECRET_NAME.search(key) and is_text(v) and is_literal(scalar(v)):
                    self.report(path, v, f"{key} has a literal value: use a reference (${{VAR}}, secretKeyRef)")
                self.scan(path, v, marker, secret_keys)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                match = KEY_EQUALS_VALUE.match(scalar(item) or "")
                if match and SECRET_NAME.search(match.group(1)) and is_literal(match.group(2)):
                    self.report(path, item, f"{match.group(1)} has a literal value: use a reference (${{VAR}}, secretKeyRef)")
                self.scan(path, item, marker, secret_keys)
        elif isinstance(node, yaml.ScalarNode) and isinstance(node.value, str):
            for pattern in (URL_PASSWORD, KEYWORD_PASSWORD):
                for match in pattern.finditer(node.value):
                    if is_literal(match.group(1)):
                        self.report(path, node, "a literal password in a URL or connection string: use a ${VAR} reference or a Secret")

    def check_secret(self, path, doc):
        encrypted = get(doc, "sops") is not None
        for field in ("data", "stringData"):
            values = get(doc, field)
            for k, v in items(values):
                text = scalar(v) or ""
                if text.strip() and not (encrypted and text.startswith("ENC[")):
                    self.report(path, k, f"Secret {field}.{scalar(k)} commits a secret value: create the Secret out of band and reference it by name")

    def check_service(self, path, doc, marker):
        spec = get(doc, "spec")
        service_type = get(spec, "type")
        if scalar(service_type) in ("LoadBalancer", "NodePort") and not marker:
            self.report(path, service_type, f"Service type {scalar(service_type)} is reachable from outside the cluster" + MARKER_HINT)
        external = get(spec, "externalIPs")
        if isinstance(external, yaml.SequenceNode) and external.value and not marker:
            self.report(path, external, "Service externalIPs are reachable from outside the cluster" + MARKER_HINT)

    def check_ingress(self, path, doc, marker):
        class_node = get(get(doc, "spec"), "ingressClassName") or get(get(get(doc, "metadata"), "annotations"), "kubernetes.io/ingress.class")
        ingress_class = scalar(class_node)
        if ingress_class != "tailscale" and not marker:
            where = class_node if class_node is not None else doc
            self.report(path, where, f"Ingress class {ingress_class or '(none: the cluster default)'} may be public: only the private tailscale class is allowed" + MARKER_HINT)

    def check_kustomization(self, path, doc, marker):
        generators = get(doc, "secretGenerator")
        for generator in generators.value if isinstance(generators, yaml.SequenceNode) else []:
            self.report(path, generator, "secretGenerator commits its inputs: create the Secret out of band and reference it by name")
        patches = []
        for field in ("patches", "patchesStrategicMerge", "patchesJson6902"):
            node = get(doc, field)
            patches.extend(node.value if isinstance(node, yaml.SequenceNode) else [])
        for patch in patches:
            inline = get(patch, "patch") if isinstance(patch, yaml.MappingNode) else patch
            text = scalar(inline)
            if text and "\n" in text:
                self.check_inline(path, inline, text, marker)

    def check_inline(self, path, node, text, marker):
        # An inline patch is YAML inside a string: check it too, reporting lines of this file.
        inner = Guard()
        try:
            for doc in yaml.compose_all(text, Loader=yaml.SafeLoader):
                if doc is not None:
                    inner.check_document(path, doc, marker or reviewed_marker(doc))
        except yaml.YAMLError as e:
            self.report(path, node, f"an inline patch cannot be parsed, so it cannot be checked: {e}")
            return
        first = line_of(node) + (0 if node.style in (None, "", '"', "'") else 1)
        for offence in inner.offences:
            _, line, message = offence.split(":", 2)
            self.report(path, first + int(line) - 1, message.strip() + " (inline patch)")

    def check_compose(self, path, doc):
        for name_node, service in items(get(doc, "services")):
            name = scalar(name_node)
            mode = get(service, "network_mode")
            if scalar(mode) == "host":
                self.report(path, mode, f"service {name}: network_mode: host publishes every port on every interface")
            ports = get(service, "ports")
            for port in ports.value if isinstance(ports, yaml.SequenceNode) else []:
                problem = compose_port_problem(port)
                if problem:
                    self.report(path, port, f"service {name}: {problem}: bind published ports to 127.0.0.1")


MARKER_HINT = f" (allowed only with the annotation {MARKER}: which app auth is in front, and its review)"


def reviewed_marker(doc):
    value = scalar(get(get(get(doc, "metadata"), "annotations"), MARKER))
    return bool(value and value.strip())


def is_env_file(name):
    return name == ".env" or name.startswith(".env.") or name.endswith(".env")


def loopback(host):
    host = host.strip("[]")
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def compose_port_problem(port):
    if isinstance(port, yaml.MappingNode):
        host_ip = scalar(get(port, "host_ip"))
        if host_ip is None or not loopback(host_ip):
            return f"port published on {host_ip or 'every interface'}"
        return None
    text = (scalar(port) or "").split("/")[0]
    match = re.match(r"^(\[[^\]]+\]|[^:]*):([^:]*):([^:]+)$", text)
    if match is None:
        return f'port "{text}" is published on every interface'
    if not loopback(match.group(1)):
        return f"port published on {match.group(1) or 'every interface'}"
    return None


def main(argv):
    if any(a in ("-h", "--help") for a in argv):
        print(__doc__)
        return 0
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if argv:
        paths = argv
    else:
        os.chdir(root)
        paths = DEFAULT_PATHS
    guard = Guard()
    for path in paths:
        guard.check_path(path)
    def by_place(offence):
        file, line, _ = offence.split(":", 2)
        return (file, int(line))

    for offence in sorted(guard.offences, key=by_place):
        print(offence)
    if guard.offences:
        print(f"deploy-guard: {len(guard.offences)} offence(s)", file=sys.stderr)
        return 1
    print(f"deploy-guard: no public exposure and no committed secret in {', '.join(paths)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
