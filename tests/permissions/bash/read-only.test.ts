import { beforeAll, describe, expect, it } from 'vitest';
import { isReadOnlyCommand, isReadOnlyCommandAsync, prepareBashAnalyser } from '../../../src/permissions/bash/index.ts';

/*
 * The built-in read-only list (used for the Bash tool's isReadOnly and for approval
 * without a rule). Each listed program is shown read-only in a plain form, then every
 * exception (a writing or exec option) is shown to disqualify it.
 */
const READ_ONLY = [
  'ls -la', 'cat a.txt', 'head -n 5 a', 'tail -f log', 'wc -l a', 'pwd', 'echo hi', 'grep -rn foo src', 'rg -n foo',
  "find . -name '*.ts' -type f", "find src -newer x -print0", "sed -n '1,5p' f", "sed -E 's/(a)/\\1b/g' f", 'sed -n -e 5p -e 7p f',
  "sed '/^#/d;s/x/y/2' f", 'sort -u -k2,2 f', 'sort -t: -n f', 'uniq -c f', 'cut -d, -f1 f', 'tr a-z A-Z', 'diff a b',
  'git status', 'git diff --stat HEAD~3', 'git log --oneline --graph', 'git show HEAD', 'git blame -L 1,10 f', 'git branch',
  'git branch -a -v', 'git tag', 'git tag -l "v1.*"', 'git remote -v', 'git config --get user.email', 'git config user.email',
  'git config --list --show-origin', 'git stash list', 'git rev-parse HEAD', 'git ls-files',
  'git --no-pager diff', 'git grep -n foo', 'stat f', 'du -sh .', 'df -h', 'which node', 'type ls', 'command -v git',
  'jq .x f.json', 'tree -L 2', 'file f', 'date +%s', 'hostname -f', 'xxd f', 'base64 f', 'printf "%s\\n" a',
  'node --version', 'cd src', '[ -f x ]', '[[ -n x ]]', 'test -d y', 'sleep 1', 'true', 'echo $(pwd)', 'ls | sort | uniq',
  'timeout 5 cat f', 'time ls', "bash -c 'ls -la'", 'ls 2>/dev/null', 'git ls-files | while read -r f; do wc -l "$f"; done',
];

const NOT_READ_ONLY = [
  // find
  'find . -delete', String.raw`find . -exec cat {} \;`, String.raw`find . -execdir ls \;`, String.raw`find . -ok ls \;`,
  String.raw`find . -okdir ls \;`, 'find . -fprint f', 'find . -fprint0 f', 'find . -fprintf f %p', 'find . -fls f',
  String.raw`find . \-delete`, 'find . $X', 'find . *',
  // sed
  "sed -i 's/a/b/' f", "sed -i'' 's/a/b/' f", "sed --in-place=.bak 's/a/b/' f", "sed 's/a/b/' -i f", "sed 'w out' f",
  "sed 's/a/b/w out' f", "sed 'W out' f", "sed 'e id' f", "sed 's/a/id/e' f", 'sed -f s.sed f', 'sed --file=s.sed f',
  'sed $SCRIPT f', "sed 'k' f",
  // sort, uniq, tee, --output
  'sort -o out f', 'sort -ro out f', 'sort --output=out f', 'sort --output out f', 'sort --compress-program=gzip f',
  'sort $OPTS f', 'sort --out=x f', 'sort --o x f', 'sort --compress-p=gzip f', 'git log --out=x', 'git config --ed',
  'git config --unset-a user.email', 'git config --rem-section x', 'date --se 2020-01-01', 'date --set=x', 'base64 --out=x f', 'uniq in out', 'ls | tee out', 'git log --output=x', 'git diff --output x', 'tree -o out',
  // git
  // git pointed at another repository runs that repository's config (core.fsmonitor, diff.external)
  'git -C sub log -1', 'git -C evil.git diff HEAD~1 HEAD', 'git --git-dir=evil.git --work-tree=. status', 'git --git-dir evil.git log',
  'git --work-tree=. status', 'git --bare log', 'git --namespace=x log', 'git --super-prefix=x/ status', 'git --exec-path status',
  'git -c core.pager=cat log', 'git -ccore.pager=cat log', 'git --config-env=core.pager=X log', 'git --exec-path=/tmp status',
  'git -p log', 'git log --ext-diff', 'git grep -O foo', 'git grep --open-files-in-pager foo', 'git cat-file --textconv HEAD:f',
  'git branch new', 'git branch -d old', 'git branch -m a b', 'git tag v2', 'git tag -d v1', 'git remote add o url',
  'git config user.email x@y', 'git config --unset user.email', 'git stash', 'git stash pop', 'git reflog expire --all',
  'git worktree add ../x', 'git commit -m x', 'git push', 'git checkout .', 'git log $(cat f)', 'git $SUB',
  // others
  'date -s 2020-01-01', 'date 0101', 'hostname evil', 'xxd -r a b', 'xxd a b', 'base64 -o out f', 'printf -v x %s y',
  'file -C -m m', 'env X=1 ls', 'env rm x', 'rg --pre cat foo', 'sudo ls', 'ls > out', 'ls >> out', 'cat f &> out',
  'X=1 ls', 'echo $(rm x)', 'rm x', 'mkdir d', 'touch f', 'cp a b', 'mv a b', 'npm install', 'node -e 1', './ls', '/tmp/cat f',
  'eval ls', "bash -c 'touch x'", 'cat =(ls)', 'read PATH', 'read -r IFS', 'read -a PATH', 'env', 'printenv', 'ps eww',
  // the environment holds the API key
  'jq -n env', "jq -n '$ENV'", "jq -n '$ENV.ANTHROPIC_API_KEY'", "jq 'env.HOME' f.json", 'jq -n "[env[]]"', "jq 'import \"m\" as m; .' f",
  'jq $FILTER f', 'set', 'declare -p', 'export -p', 'compgen -v',
];

describe('read-only commands', () => {
  beforeAll(async () => {
    await prepareBashAnalyser();
  });

  for (const command of READ_ONLY) {
    it(`read-only: ${command}`, () => {
      expect(isReadOnlyCommand(command)).toBe(true);
    });
  }

  for (const command of NOT_READ_ONLY) {
    it(`not read-only: ${command}`, async () => {
      expect(isReadOnlyCommand(command)).toBe(false);
      expect(await isReadOnlyCommandAsync(command)).toBe(false);
    });
  }
});
