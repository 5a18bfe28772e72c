#!/usr/bin/env python3
"""What can be checked of the hosts' Dockerfiles without a Docker engine.

For each Dockerfile: its stages (an SDK build stage, a runtime-only final stage), that every path it copies from
the build context exists and is not ignored, and the final stage's promises (a numeric non-root USER, a HEALTHCHECK
on /healthz, the listen address on the exposed port, only the publish output copied in). Then it lays out a build
context made of exactly what the Dockerfile copies (the tracked files under those paths, as .dockerignore leaves
them) and runs the Dockerfile's own `dotnet publish` there, so a project that needs a file outside the copied paths
fails here as it would in `docker build`. Prints one PASS/FAIL line per check.
"""
import fnmatch
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
results = []


def check(name, ok, why=""):
    results.append(f"PASS {name}" if ok else f"FAIL {name}: {why}")
    return ok


def instructions(path):
    """(keyword, argument text) per instruction, continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n", " ", open(path).read())
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            out.append((keyword.upper(), rest.strip()))
    return out


def ignored(relative, patterns):
    return any(fnmatch.fnmatch(relative + "/", p) or fnmatch.fnmatch(relative, p.rstrip("/"))
               or fnmatch.fnmatch(relative, p.rstrip("/") + "/*") for p in patterns)


tracked = subprocess.run(["git", "ls-files"], cwd=root, capture_output=True, text=True, check=True).stdout.splitlines()
ignore_patterns = [l.strip() for l in open(os.path.join(root, ".dockerignore")) if l.strip() and not l.startswith("#")]
check(".dockerignore keeps build output out of the context", "**/bin/" in ignore_patterns and "**/obj/" in ignore_patterns,
      "no **/bin/ or **/obj/")

contexts = {}
dockerfiles = sorted(os.path.join(d, "Dockerfile") for d in
                     (os.path.join(root, "services", h) for h in ("CloudBroker.Api", "CloudBroker.Worker")))
for dockerfile in dockerfiles:
    name = os.path.relpath(dockerfile, root)
    steps = instructions(dockerfile)
    stages = [i for i, (k, _) in enumerate(steps) if k == "FROM"]
    check(f"{name}: multi-stage", len(stages) >= 2, f"{len(stages)} stage(s)")
    build, final = steps[stages[0]:stages[-1]], steps[stages[-1]:]
    final_image = final[0][1].split()[0]
    check(f"{name}: the final stage has no SDK", "/sdk" not in final_image and "aspnet" in final_image, final_image)

    sources = []
    for keyword, rest in build:
        if keyword == "COPY" and "--from" not in rest:
            sources += shlex.split(rest)[:-1]
    for source in sources:
        relative = source.rstrip("/")
        exists = os.path.exists(os.path.join(root, relative))
        check(f"{name}: COPY source {source} exists", exists, "missing from the repository")
        check(f"{name}: COPY source {source} is not ignored by .dockerignore", not ignored(relative, ignore_patterns), "ignored")

    final_copies = [rest for k, rest in final if k == "COPY"]
    check(f"{name}: the final stage copies only the publish output",
          final_copies and all(c.startswith("--from=build /app") for c in final_copies), str(final_copies))
    user = next((rest for k, rest in reversed(final) if k == "USER"), "")
    check(f"{name}: runs as a numeric non-root user", re.fullmatch(r"[1-9][0-9]*(:[1-9][0-9]*)?", user) is not None, f"USER {user!r}")
    health = next((rest for k, rest in final if k == "HEALTHCHECK"), "")
    check(f"{name}: HEALTHCHECK on /healthz", "/healthz" in health, health or "none")
    env = " ".join(rest for k, rest in final if k == "ENV")
    exposed = next((rest for k, rest in final if k == "EXPOSE"), "")
    check(f"{name}: listens on every address on the exposed port", f"ASPNETCORE_URLS=http://+:{exposed}" in env, env)
    check(f"{name}: the data folder is set to the one the image makes",
          "CloudBroker__DataDirectory=/var/lib/cloudbroker" in env and any("/var/lib/cloudbroker" in r for k, r in final if k == "RUN"), env)
    entry = next((rest for k, rest in final if k == "ENTRYPOINT"), "[]")
    dll = re.findall(r'"([^"]+\.dll)"', entry)

    publish = next((rest for k, rest in build if k == "RUN" and rest.startswith("dotnet publish")), None)
    if not check(f"{name}: the build stage runs dotnet publish", publish is not None, "no RUN dotnet publish"):
        continue
    context = contexts.get(tuple(sources))
    if context is None:
        # Dockerfiles that copy the same paths share one context (the second publish is then incremental).
        context = contexts[tuple(sources)] = tempfile.mkdtemp(prefix="cb-docker-")
        for source in sources:
            relative = source.rstrip("/")
            for f in tracked:
                if (f == relative or f.startswith(relative + "/")) and not ignored(f, ignore_patterns):
                    os.makedirs(os.path.join(context, os.path.dirname(f)), exist_ok=True)
                    shutil.copy2(os.path.join(root, f), os.path.join(context, f))
    output = os.path.join(context, "app-" + os.path.basename(os.path.dirname(dockerfile)))
    args = [output if a == "/app" else a for a in shlex.split(publish)]
    run = subprocess.run(args + ["-nologo", "-v", "quiet"], cwd=context, capture_output=True, text=True)
    if not check(f"{name}: `{publish}` succeeds on a context of only the copied paths", run.returncode == 0,
                 (run.stdout + run.stderr).strip().splitlines()[-1:] if run.returncode else ""):
        print(run.stdout[-4000:], run.stderr[-4000:])
        continue
    check(f"{name}: the ENTRYPOINT's {dll} is in the publish output", dll and os.path.exists(os.path.join(output, dll[0])), str(dll))
    check(f"{name}: the publish output holds no SDK or test assembly",
          not any(re.search(r"(xunit|Microsoft\.NET\.Test|Mvc\.Testing)", f, re.I) for f in os.listdir(output)), "test assemblies published")

for context in contexts.values():
    shutil.rmtree(context, ignore_errors=True)
print("\n".join(results))
sys.exit(0)
