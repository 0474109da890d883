"""The rules of issue 31 for GitHub workflow files that their JSON schema cannot express, and
the part of actionlint that matters to us (actionlint itself downloads from GitHub, which this
runner cannot reach):

- the workflow states its token's `permissions` at the top, so no job runs with the
  repository's default token (read-write on older repositories);
- every `uses:` names a major version (`@v4`), not a branch or nothing; dtolnay/rust-toolchain
  has no version tags (its ref names the toolchain), so `@stable`, `@master` and `@1.88` pass;
- every `run:` script passes shellcheck, as actionlint runs it (`${{ }}` stands for a word);
- no `run:` script expands `${{ github.event.* }}` or `${{ github.head_ref }}` inline: a
  pull request's title or branch name would become shell code (pass them through `env:`).

Usage: python lint-workflows.py SHELLCHECK FILE...   exit 0 clean, 1 findings, 2 could not check
"""

import re
import subprocess
import sys

import yaml

MAJOR = re.compile(r"^v\d+$")
# Actions whose refs are not versions, with the refs they document.
TOOLCHAIN_REFS = {
    "dtolnay/rust-toolchain": re.compile(r"^(stable|beta|nightly|master|1\.\d+(\.\d+)?)$"),
}
EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}", re.S)
UNTRUSTED = re.compile(r"\bgithub\.(event\.|head_ref\b)")


def uses_finding(uses):
    if uses.startswith(("./", "docker://")):
        return None
    action, _, ref = uses.partition("@")
    owner_repo = "/".join(action.split("/")[:2])
    if not ref:
        return f"`uses: {uses}` has no version: pin a major version (@vN)"
    allowed = TOOLCHAIN_REFS.get(owner_repo)
    if allowed is not None:
        return None if allowed.match(ref) else f"`uses: {uses}`: {owner_repo} refs name a toolchain"
    if not MAJOR.match(ref):
        return f"`uses: {uses}` is not pinned to a major version (@vN)"
    return None


def run_findings(shellcheck, script):
    findings = []
    for expression in EXPRESSION.findall(script):
        if UNTRUSTED.search(expression):
            shown = "${{ " + expression.strip() + " }}"
            findings.append(f"`{shown}` is expanded inside `run:`; pass it through `env:`")
    # As actionlint does: an expression is a plain word to the shell.
    body = EXPRESSION.sub("${GITHUB_EXPRESSION}", script)
    result = subprocess.run(
        [shellcheck, "--shell=bash", "--format=gcc", "-"],
        input="set -e\n" + body,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        for line in result.stdout.splitlines():
            # `-:LINE:COL: level: message`; line 1 is our `set -e`.
            match = re.match(r"^-:(\d+):(\d+): (.*)$", line)
            if match:
                findings.append(f"script line {int(match.group(1)) - 1}: {match.group(3)}")
            else:
                findings.append(line)
        if not result.stdout:
            findings.append(f"shellcheck failed: {result.stderr.strip()}")
    return findings


def lint(shellcheck, path):
    with open(path, encoding="utf-8") as file:
        workflow = yaml.safe_load(file)
    findings = []
    if not isinstance(workflow, dict) or not isinstance(workflow.get("jobs"), dict):
        return [f"{path}: not a workflow (no `jobs:` mapping)"]
    if "permissions" not in workflow:
        findings.append(f"{path}: no top-level `permissions:` (say `permissions: {{}}` and grant per job)")
    for job_name, job in workflow["jobs"].items():
        for index, step in enumerate(job.get("steps") or [], start=1):
            where = f"{path}: job {job_name}, step {index} ({step.get('name') or step.get('uses') or 'run'})"
            if "uses" in step:
                finding = uses_finding(str(step["uses"]))
                if finding:
                    findings.append(f"{where}: {finding}")
            if "run" in step:
                findings.extend(f"{where}: {f}" for f in run_findings(shellcheck, str(step["run"])))
        if "uses" in job:  # a reusable workflow
            finding = uses_finding(str(job["uses"]))
            if finding:
                findings.append(f"{path}: job {job_name}: {finding}")
    return findings


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    shellcheck, paths = argv[1], argv[2:]
    try:
        subprocess.run([shellcheck, "--version"], capture_output=True, check=True)
    except (OSError, subprocess.CalledProcessError) as error:
        print(f"error: cannot run shellcheck ({shellcheck}): {error}", file=sys.stderr)
        return 2
    findings = []
    for path in paths:
        try:
            findings.extend(lint(shellcheck, path))
        except (OSError, yaml.YAMLError) as error:
            print(f"error: {path}: {error}", file=sys.stderr)
            return 2
    for finding in findings:
        print(finding)
    if findings:
        print(f"error: {len(findings)} finding(s) in the workflow files", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
