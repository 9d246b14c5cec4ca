#!/usr/bin/env python3
"""Differential test of word expansion: chitin against dash and bash --posix.

Generates random commands that print the fields of words made of parameter expansions
(every POSIX operator, nested), quoting, IFS field splitting and pathname expansion, runs them
under the three shells in the same scratch directory, and reports each command whose output
or status from chitin differs from dash's and bash's when those two agree ("BUG"), or from
dash's alone when bash differs ("DASH", shown only with --all).

    scripts/expand-diff.py [--cases N] [--seed S] [--chitin PATH] [--all] [--patterns]

With --patterns the cases are pattern matching instead: pathname expansion of random
patterns (bracket expressions, classes, escapes, quoted and expanded parts, slashes and
dots) and `case` matching of random strings against them.

Each case runs in its own subshell, in batches of one script per shell, so that thousands of
cases take seconds. Exit status 1 when a BUG was found.
"""

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile

PRELUDE = r"""
e= s='a b' w='  x  y  ' c='a:b::c:' g='*' q='[ab]' bs='\' t='~' d='a*b' n='1 '
unset u
p() { printf '%s' "$#"; printf ' <%s>' "$@"; echo; }
"""

FILES = ["a", "b", "a b", "ab", "a:b", ".h", "x*", "[ab]", "a\\b", "-", "]", "!a", "^b",
         "d/a", "d/.h", "d/bc", "e/f/g"]

VARS = ["e", "s", "w", "c", "g", "q", "bs", "t", "d", "n", "u"]
IFS_CHOICES = [None, " \t\n", ":", " :", "", " ", "a", "*"]
POSITIONAL = [[], [""], ["p q", "r*"], ["", ""], [" x ", "a:b"]]


class Gen:
    def __init__(self, rnd):
        self.r = rnd

    def pick(self, xs):
        return self.r.choice(xs)

    def literal(self):
        return self.pick(["a", "b", "x", "*", "?", "[ab]", ":", "~", "-", "\\*", "\\ ", "'*'",
                          "'a b'", "''", '""', '"*"', '" "', "\\\\", "/", "a*", "."])

    def dq_literal(self):
        return self.pick(["a", " ", "*", ":", "\\$", "\\\\", "\\\"", "'", "~", "}", "x y"])

    def param_name(self, joined):
        # `$@` where the result is one string (a pattern, the word of `${x=word}`) is
        # unspecified (XCU 2.5.2), and dash and bash differ there: not generated.
        return self.pick(VARS + ([] if joined else ["@"]) + ["*", "1", "2", "#"])

    def pattern(self, depth, dq, joined=True):
        parts = []
        for _ in range(self.r.randint(0, 3)):
            k = self.r.random()
            if k < 0.45:
                parts.append(self.pick(["*", "?", "a", "b", "[ab]", ":", " ", "\\*", "'*'",
                                        '"*"', "x", "[!a]", "*:", ":*"]))
            elif depth > 0:
                parts.append(self.expansion(depth - 1, dq=False, joined=True))
            else:
                parts.append("$" + self.pick(VARS))
        return "".join(parts)

    def op_word(self, depth, dq, joined):
        parts = []
        for _ in range(self.r.randint(0, 3)):
            k = self.r.random()
            if k < 0.4:
                parts.append(self.dq_literal() if dq and self.r.random() < 0.5 else
                             self.pick(["a", "b c", "*", ":", "~", "~/x", "x~", "\\}",
                                        "'q r'", "''", '""']))
            elif k < 0.6 and depth > 0:
                parts.append('"' + self.dq_word(depth - 1, joined) + '"')
            elif depth > 0:
                parts.append(self.expansion(depth - 1, dq, joined))
            else:
                parts.append("$" + self.pick(VARS))
        return "".join(parts)

    def expansion(self, depth, dq, joined=False):
        k = self.r.random()
        name = self.param_name(joined)
        if k < 0.15:
            return "$" + (name if len(name) == 1 or name in VARS else "{" + name + "}")
        if k < 0.2:
            return "${#" + self.pick(VARS) + "}"
        if k < 0.25:
            return self.pick(["$(printf '%s' 'a  b')", "$(printf ' x ')", "$(true)",
                              "`printf '*'`", "$((1+2))", "$(printf 'a:b:')"])
        if name == "#":
            name = "s"
        op = self.pick(["-", ":-", "+", ":+", "=", ":=", "#", "##", "%", "%%"])
        if op in ("=", ":=") and name in ("@", "*", "1", "2"):
            op = ":-"
        if op in ("=", ":="):
            # Assign only to fresh names so that cases stay independent.
            name = self.pick(["u", "e", "z"])
        if op in ("#", "##", "%", "%%"):
            return "${" + name + op + self.pattern(depth, dq) + "}"
        return "${" + name + op + self.op_word(depth, dq, joined or op in ("=", ":=")) + "}"

    def dq_word(self, depth, joined=False):
        parts = []
        for _ in range(self.r.randint(0, 3)):
            if self.r.random() < 0.35:
                parts.append(self.dq_literal())
            else:
                parts.append(self.expansion(depth, dq=True, joined=joined))
        return "".join(parts)

    def word(self, joined=False):
        parts = []
        for _ in range(self.r.randint(1, 3)):
            k = self.r.random()
            if k < 0.25:
                parts.append(self.literal())
            elif k < 0.55:
                parts.append('"' + self.dq_word(2, joined) + '"')
            else:
                parts.append(self.expansion(2, dq=False, joined=joined))
        return "".join(parts)

    def case(self):
        setup = []
        ifs = self.pick(IFS_CHOICES)
        if ifs is None:
            setup.append("unset IFS")
        elif ifs != " \t\n":
            setup.append("IFS=" + shquote(ifs))
        pos = self.pick(POSITIONAL)
        setup.append("set -- " + " ".join(shquote(x) for x in pos))
        if self.r.random() < 0.15:
            setup.append("set -f")
        # The context of the words: command arguments, a `for` list, an assignment (also as
        # the argument of a declaration utility), a `case` subject.
        k = self.r.random()
        if k < 0.55:
            words = " ".join(self.word() for _ in range(self.r.randint(1, 3)))
            cmd = "p " + words
        elif k < 0.65:
            words = " ".join(self.word() for _ in range(self.r.randint(1, 3)))
            cmd = "for i in " + words + "; do printf '<%s>' \"$i\"; done; echo"
        elif k < 0.8:
            cmd = "x=" + self.word(joined=True) + '; p "$x"'
        elif k < 0.9:
            decl = self.pick(["export", "readonly", "command export"])
            cmd = decl + " x=" + self.word(joined=True) + '; p "$x"'
        else:
            subject = self.word(joined=True)
            cmd = ("case " + subject + " in '') echo empty;; *[!a-z]*) echo other;; "
                   "*) echo letters;; esac")
        return "; ".join(setup) + "; " + cmd


class PatternGen(Gen):
    """Patterns for pathname expansion and `case`."""

    ATOMS = ["a", "b", "c", "d", "x", ".", "-", "*", "?", "*", "?", "[ab]", "[!a]", "[^a]",
             "[]a]", "[!]]", "[a-c]", "[[:alpha:]]", "[![:alpha:]]", "[[:punct:]]", "[\\]]",
             "[a", "]", "\\*", "\\?", "\\[", "\\a", "\\\\", "'*'", "\"?\"", "'['",
             "\"[ab]\"", "[.]", "[\\!a]", "[a-]", "[-a]", "!", "^", "[[]", "[[:]", "[*]",
             "$v", "\"$v\"", "${v}", "$bs", "\"$bs\""]

    def pattern(self, depth=0, dq=False, joined=True):
        return "".join(self.pick(self.ATOMS) for _ in range(self.r.randint(1, 4)))

    def case(self):
        v = self.pick(["*", "?", "[ab]", "a*", "\\*", "[", "]", "a", "\\"])
        setup = "v=" + shquote(v) + "; bs='\\'"
        if self.r.random() < 0.5:
            pats = [self.pattern() for _ in range(self.r.randint(1, 3))]
            if self.r.random() < 0.3:
                pats = [self.pick(["d/", "*/", "e/*/", "./", "d/."]) + p for p in pats]
            return setup + "; p " + " ".join(pats)
        subject = self.pick(["a", "ab", "b", "*", "?", "[ab]", "\\", "a\\b", "]", "-", "!a",
                             ".h", "", "x*", "[", "a]", "^b", "c"])
        arms = " ".join(f"{self.pattern()}) echo {i};;" for i in range(self.r.randint(1, 3)))
        return setup + f"; case {shquote(subject)} in {arms} *) echo none;; esac"


def shquote(s):
    return "'" + s.replace("'", "'\\''") + "'"


def run(shell, script, cwd, home):
    try:
        p = subprocess.run(shell + ["-c", script], cwd=cwd, capture_output=True, timeout=20,
                           env={"PATH": "/usr/bin:/bin", "HOME": home, "LC_ALL": "C"})
        return p.stdout, p.returncode
    except subprocess.TimeoutExpired:
        return b"TIMEOUT", -1


def split_cases(out):
    """Output per case, keyed by case number (markers are printed between cases)."""
    res = {}
    cur = None
    for line in out.split(b"\n"):
        if line.startswith(b"@@case "):
            parts = line.split()
            cur = int(parts[1])
            res[cur] = [b"", None]
            continue
        if line.startswith(b"@@status ") and cur is not None:
            res[cur][1] = line.split()[1]
            continue
        if cur is not None:
            res[cur][0] += line + b"\n"
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--batch", type=int, default=200)
    ap.add_argument("--chitin", default=os.path.join(os.path.dirname(__file__), "..",
                                                     "target", "release", "chitin"))
    ap.add_argument("--all", action="store_true", help="also show differences from dash alone")
    ap.add_argument("--patterns", action="store_true", help="globbing and case instead")
    args = ap.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    gen = (PatternGen if args.patterns else Gen)(random.Random(seed))
    shells = {"chitin": [args.chitin], "dash": ["dash"], "bash": ["bash", "--posix"]}
    work = tempfile.mkdtemp(prefix="expand-diff-")
    for f in FILES:
        os.makedirs(os.path.dirname(os.path.join(work, f)), exist_ok=True)
        open(os.path.join(work, f), "w").close()
    bugs = dash_only = same = 0
    done = 0
    while done < args.cases:
        n = min(args.batch, args.cases - done)
        cases = [gen.case() for _ in range(n)]
        script = PRELUDE + "".join(
            f"echo '@@case {i}'; ( {c} ) 2>/dev/null; echo \"@@status $?\"\n"
            for i, c in enumerate(cases))
        outs = {name: split_cases(run(sh, script, work, work)[0]) for name, sh in shells.items()}
        for i, c in enumerate(cases):
            o = {name: outs[name].get(i) for name in shells}
            if o["chitin"] == o["dash"] == o["bash"]:
                same += 1
                continue
            if o["dash"] == o["bash"]:
                bugs += 1
                tag = "BUG"
            elif o["chitin"] != o["dash"]:
                dash_only += 1
                tag = "DASH"
                if not args.all:
                    continue
            else:
                same += 1
                continue
            print(f"{tag}: {c}")
            for name in shells:
                v = o[name]
                print(f"  {name:6s} {v[0] if v else None!r} status {v[1] if v else None!r}")
        done += n
    shutil.rmtree(work, ignore_errors=True)
    print(f"seed {seed}: {args.cases} cases, {same} alike, {bugs} chitin differs from dash "
          f"and bash, {dash_only} differ from dash where bash differs too")
    return 1 if bugs else 0


if __name__ == "__main__":
    sys.exit(main())
