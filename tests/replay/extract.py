#!/usr/bin/env python3
"""Builds tests/replay/fixtures/ from public recordings and official samples (data only).

Usage: extract.py MIRRORS_DIR, where MIRRORS_DIR holds bare clones named owner+name/repo (as the `fetch` tool
leaves them). Each fixture names its source: repository, path, commit. Recordings are trimmed to the
security-group requests; consecutive repeats of one answer (polling) are kept once.
"""
import json, os, re, subprocess, sys
import yaml

MIRRORS = sys.argv[1]
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")


def git(repo, *args):
    return subprocess.run(["git", "--git-dir", f"{MIRRORS}/{repo.replace('/', '+')}/repo", *args], check=True, capture_output=True, text=True).stdout


def head(repo):
    return git(repo, "rev-parse", "HEAD").strip()


def show(repo, path):
    return git(repo, "show", f"HEAD:{path}")


def ls(repo, prefix):
    return [p for p in git(repo, "ls-tree", "-r", "--name-only", "HEAD", prefix).splitlines()]


def parse(text):
    if text is None or text == "":
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


def write(cloud, name, fixture):
    os.makedirs(f"{OUT}/{cloud}", exist_ok=True)
    with open(f"{OUT}/{cloud}/{name}.json", "w") as f:
        json.dump(fixture, f, indent=1, sort_keys=False)
        f.write("\n")


def dedupe(pairs):
    out = []
    for p in pairs:
        if out and p["method"] == "GET" and out[-1] == p:
            continue
        out.append(p)
    return out


def scaleway():
    sources = [("scaleway/terraform-provider-scaleway", "internal/services/instance/testdata/", "security-group"),
               ("scaleway/scaleway-sdk-go", "api/instance/v1/testdata/", "security-group"),
               ("scaleway/scaleway-cli", "internal/namespaces/instance/v1/testdata/", "test-security-group")]
    for repo, prefix, needle in sources:
        commit = head(repo)
        for path in ls(repo, prefix):
            name = os.path.basename(path)
            if needle not in name or not name.endswith(".cassette.yaml") or "pool-" in name:
                continue
            data = yaml.safe_load(show(repo, path))
            pairs = []
            for i in data.get("interactions", []):
                req, res = i["request"], i["response"]
                url = req["url"]
                if "/instance/v1/" not in url or "/security_groups" not in url:
                    continue
                pairs.append({"method": req["method"], "path": url.split("api.scaleway.com", 1)[1], "body": parse(req.get("body")), "status": res["code"], "response": parse(res.get("body"))})
            if pairs:
                write("scaleway", f"{repo.split('/')[1]}--{name.replace('.cassette.yaml', '')}", {"source": {"repo": repo, "path": path, "commit": commit}, "pairs": dedupe(pairs)})


def huaweicloud():
    repo = "huaweicloud/cloud-custodian"
    commit = head(repo)
    for path in ls(repo, "tools/c7n_huaweicloud/tests/data/flights/"):
        name = os.path.basename(path)
        if not name.startswith("vpc_security_group"):
            continue
        data = yaml.safe_load(show(repo, path))
        pairs = []
        for i in data.get("interactions", []):
            req, res = i["request"], i["response"]
            uri = req["uri"].split(".com", 1)[1]
            if not re.match(r"^/v3/[^/]+/vpc/security-group", uri):
                continue
            body = req.get("body")
            body = body.get("string") if isinstance(body, dict) else body
            rbody = res["body"].get("string") if isinstance(res["body"], dict) else res["body"]
            uri = re.sub(r"^/v3/[^/]+/", "/v3/{project_id}/", uri)
            pairs.append({"method": req["method"], "path": uri, "body": parse(body), "status": res["status"]["code"], "response": parse(rbody)})
        if pairs:
            write("huaweicloud", name, {"source": {"repo": repo, "path": path, "commit": commit}, "pairs": pairs})


def neutron():
    repo = "openstack/neutron-lib"
    commit = head(repo)
    base = "api-ref/source/v2/samples/security-groups/"
    sample = lambda f: json.loads(show(repo, base + f).replace('"revisio[n_number": 1,', ""))
    src = lambda f: {"repo": repo, "path": base + f, "commit": commit}
    rule_req = sample("security-group-rule-create-request.json")
    # The sample names remote_group_id and remote_address_group_id together, which Neutron refuses; keep the group.
    rule_req["security_group_rule"].pop("remote_address_group_id", None)
    rule_req["security_group_rule"]["remote_group_id"] = "{group}"
    rule_req["security_group_rule"]["security_group_id"] = "{group}"
    bulk_req = sample("security-group-rule-bulk-create-request.json")
    for r in bulk_req["security_group_rules"]:
        r.pop("remote_address_group_id", None)
        r["remote_group_id"] = "{group}"
        r["security_group_id"] = "{group}"
    # Its first rule is the single create's rule again, which Neutron would refuse as a duplicate (409): other ports.
    for r, port in zip(bulk_req["security_group_rules"], ["8080", "8443"]):
        r["port_range_min"] = r["port_range_max"] = port
    pairs = [
        {"method": "POST", "path": "/v2.0/security-groups", "body": sample("security-group-create-request.json"), "status": 201, "response": sample("security-group-create-response.json"), "bind": {"group": "security_group.id"}, "source": src("security-group-create-response.json")},
        {"method": "GET", "path": "/v2.0/security-groups/{group}", "status": 200, "response": sample("security-group-show-response.json"), "source": src("security-group-show-response.json")},
        {"method": "GET", "path": "/v2.0/security-groups", "status": 200, "response": sample("security-groups-list-response.json"), "source": src("security-groups-list-response.json")},
        {"method": "PUT", "path": "/v2.0/security-groups/{group}", "body": sample("security-group-update-request.json"), "status": 200, "response": sample("security-group-update-response.json"), "source": src("security-group-update-response.json")},
        {"method": "POST", "path": "/v2.0/security-group-rules", "body": rule_req, "status": 201, "response": sample("security-group-rule-create-response.json"), "bind": {"rule": "security_group_rule.id"}, "source": src("security-group-rule-create-response.json")},
        {"method": "POST", "path": "/v2.0/security-group-rules", "body": bulk_req, "status": 201, "response": sample("security-group-rule-bulk-create-response.json"), "source": src("security-group-rule-bulk-create-response.json")},
        {"method": "GET", "path": "/v2.0/security-group-rules/{rule}", "status": 200, "response": sample("security-group-rule-show-response.json"), "source": src("security-group-rule-show-response.json")},
        {"method": "GET", "path": "/v2.0/security-group-rules", "status": 200, "response": sample("security-group-rules-list-response.json"), "source": src("security-group-rules-list-response.json")},
        {"method": "DELETE", "path": "/v2.0/security-group-rules/{rule}", "status": 204, "response": None, "source": src("security-group-rule-delete-response-json-http.txt")},
        {"method": "DELETE", "path": "/v2.0/security-groups/{group}", "status": 204, "response": None, "source": src("security-group-delete-response-json-http.txt")},
    ]
    write("openstack", "neutron-lib-api-ref", {"source": {"repo": repo, "path": base, "commit": commit}, "samples": True, "pairs": pairs})


def nova():
    repo = "openstack/nova"
    commit = head(repo)
    base = "doc/api_samples/os-security-groups/"
    sample = lambda f: json.loads(show(repo, base + f))
    rule_req = sample("security-group-rules-post-req.json")
    rule_req["security_group_rule"]["parent_group_id"] = "{group}"
    pairs = [
        {"method": "POST", "path": "/v2.1/{project_id}/os-security-groups", "body": sample("security-group-post-req.json"), "status": 200, "response": sample("security-groups-create-resp.json"), "bind": {"group": "security_group.id"}},
        {"method": "GET", "path": "/v2.1/{project_id}/os-security-groups/{group}", "status": 200, "response": sample("security-groups-get-resp.json")},
        {"method": "GET", "path": "/v2.1/{project_id}/os-security-groups", "status": 200, "response": sample("security-groups-list-get-resp.json")},
        {"method": "POST", "path": "/v2.1/{project_id}/os-security-group-rules", "body": rule_req, "status": 200, "response": sample("security-group-rules-post-resp.json"), "bind": {"rule": "security_group_rule.id"}},
        {"method": "POST", "path": "/v2.1/{project_id}/servers/{server}/action", "body": sample("security-group-add-post-req.json"), "status": 202, "response": None},
        {"method": "GET", "path": "/v2.1/{project_id}/servers/{server}/os-security-groups", "status": 200, "response": sample("server-security-groups-list-resp.json")},
        {"method": "POST", "path": "/v2.1/{project_id}/servers/{server}/action", "body": sample("security-group-remove-post-req.json"), "status": 202, "response": None},
        {"method": "DELETE", "path": "/v2.1/{project_id}/os-security-group-rules/{rule}", "status": 202, "response": None},
        {"method": "DELETE", "path": "/v2.1/{project_id}/os-security-groups/{group}", "status": 202, "response": None},
    ]
    write("huaweicloudNova", "nova-api-samples", {"source": {"repo": repo, "path": base, "commit": commit, "statuses": "api-ref/source/os-security-groups.inc, os-security-group-rules.inc, servers-actions.inc"}, "samples": True, "pairs": pairs})


def genesis():
    repo = "genesiscloud/genesiscloud-go"
    commit = head(repo)
    types = show(repo, "types.gen.go")
    def fields(struct):
        body = re.search(r"type %s struct \{(.*?)\n\}" % struct, types, re.S).group(1)
        return sorted(re.findall(r'json:"([^",]+)', body))
    statuses = sorted(re.findall(r'SecurityGroupStatus\w+\s+SecurityGroupStatus = "(\w+)"', types))
    # The SDK's types as the answers they describe: field sets to compare (values are placeholders), statuses to allow.
    rule = {f: None for f in fields("SecurityGroupRule")}
    group = {f: ([rule] if f == "rules" else None) for f in fields("SecurityGroup")}
    pairs = [
        {"method": "POST", "path": "/compute/v1/security-groups", "body": {"name": "sdk-types", "description": "", "rules": [{"protocol": "tcp", "port_range_min": 22, "port_range_max": 22, "direction": "ingress"}]}, "status": 201, "response": {"security_group": group}, "bind": {"group": "security_group.id"}},
        {"method": "GET", "path": "/compute/v1/security-groups/{group}", "status": 200, "response": {"security_group": group}},
    ]
    write("genesiscloud", "genesiscloud-go-types", {"source": {"repo": repo, "path": "types.gen.go", "commit": commit}, "samples": True, "statuses": statuses, "pairs": pairs})
    seed = json.load(open(os.path.join(os.path.dirname(OUT), "..", "genesiscloud", "fixtures", "seed-payloads.json")))
    pairs = [
        {"method": "POST", "path": "/compute/v1/security-groups", "body": seed["createRequest"], "status": 201, "response": seed["createResponse"], "bind": {"group": "security_group.id"}},
        {"method": "GET", "path": "/compute/v1/security-groups", "status": 200, "response": seed["listResponse"]},
        {"method": "PUT", "path": "/compute/v1/security-groups/{group}", "body": seed["updateRequest"], "status": 200, "response": None},
        {"method": "PUT", "path": "/compute/v1/security-groups/{group}", "body": seed["curlUpdateRequest"], "status": 200, "response": None},
        {"method": "DELETE", "path": "/compute/v1/security-groups/{group}", "status": 204, "response": None},
    ]
    write("genesiscloud", "genesis-guide-seed-004", {"source": {"repo": "pulumi-secgroups (Genesis Cloud compute API v1 Security Groups page)", "path": "tests/genesiscloud/fixtures/seed-payloads.json", "commit": "seed 004"}, "samples": True, "pairs": pairs})


def lenient_json(text):
    """The guide's examples are hand-written; one misses a comma between two objects of a list."""
    try:
        return json.loads(text)
    except ValueError:
        return json.loads(re.sub(r"\}(\s*\n\s*)\{", r"},\1{", text))


def nhn():
    """NHN's guide (seed 000, kept in tests/nhn/fixtures): each section's method, path, request and response examples."""
    path = "tests/nhn/fixtures/seed-000-nhn-security-groups-v2.md"
    text = open(os.path.join(os.path.dirname(OUT), "..", "..", path)).read()
    blocks = {}
    for section in re.split(r"\n### ", text)[1:]:
        title = section.split("\n", 1)[0].strip()
        m = re.search(r"^(GET|POST|PUT|DELETE) (\S+)", section, re.M)
        examples = [lenient_json(j) for j in re.findall(r"```json\n(.*?)\n```", section, re.S)]
        blocks[title] = (m.group(1), m.group(2), examples)
    def pair(title, status, path, bind=None, body=None):
        method, _, examples = blocks[title]
        request = examples[0] if method in ("POST", "PUT") and len(examples) > 1 else None
        response = examples[-1] if examples and method != "DELETE" else None
        if body is not None:
            request = body
        p = {"method": method, "path": path, "body": request, "status": status, "response": response, "source": {"section": title}}
        if bind:
            p["bind"] = bind
        return p
    rule_body = blocks["Creating a security rule"][2][0]
    rule_body["security_group_rule"]["security_group_id"] = "{group}"
    rule_body["security_group_rule"]["remote_group_id"] = "{group}"
    pairs = [
        pair("Creating a security group", 201, "/v2.0/security-groups", {"group": "security_group.id"}),
        pair("See the list of security groups", 200, "/v2.0/security-groups"),
        pair("See the security groups", 200, "/v2.0/security-groups/{group}"),
        pair("Modifying a security group", 200, "/v2.0/security-groups/{group}"),
        pair("Creating a security rule", 201, "/v2.0/security-group-rules", {"rule": "security_group_rule.id"}, rule_body),
        pair("See the list of security rules", 200, "/v2.0/security-group-rules"),
        pair("See the security rules", 200, "/v2.0/security-group-rules/{rule}"),
        pair("Deleting a security rule", 204, "/v2.0/security-group-rules/{rule}"),
        pair("Deleting a security group", 204, "/v2.0/security-groups/{group}"),
    ]
    write("nhn", "nhn-guide-seed-000", {"source": {"repo": "pulumi-secgroups (NHN Cloud's Security Groups API v2 guide)", "path": path, "commit": "seed 000"}, "samples": True, "pairs": pairs})


scaleway(); huaweicloud(); neutron(); nova(); genesis(); nhn()
