import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// tools/proto/breaking.sh (run by tools/proto/generate.sh, so by `npm test`) on a throw-away git
// repository holding a copy of the contract: it must pass additive changes and catch breaking
// ones, before and after they are committed.

jest.setTimeout(60_000);

const root = resolve(__dirname, '../../..');
const PROTO = 'proto/onewindow/approval/v1/department_queue.proto';

describe('buf breaking against the previous version of the contract', () => {
  let repo: string;
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.email=ci@example.org', '-c', 'user.name=ci', ...args], {
      cwd: repo,
      stdio: 'pipe',
    }).toString();
  const check = () => {
    const r = spawnSync('bash', ['tools/proto/breaking.sh'], { cwd: repo, encoding: 'utf8' });
    return { ok: r.status === 0, out: `${r.stdout}${r.stderr}` };
  };
  const edit = (from: string, to: string) => {
    const file = join(repo, PROTO);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(from);
    writeFileSync(file, text.replace(from, to));
  };

  beforeAll(() => {
    repo = mkdtempSync(join(tmpdir(), 'proto-breaking-'));
    cpSync(join(root, 'proto'), join(repo, 'proto'), { recursive: true });
    cpSync(join(root, 'buf.yaml'), join(repo, 'buf.yaml'));
    cpSync(join(root, 'tools/proto/breaking.sh'), join(repo, 'tools/proto/breaking.sh'));
    symlinkSync(join(root, 'node_modules'), join(repo, 'node_modules'));
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-q', '-m', 'contract v1');
  });

  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it('passes the first version: there is nothing earlier to break', () => {
    expect(check()).toMatchObject({
      ok: true,
      out: expect.stringContaining('skipped, proto/ was created by the first commit'),
    });
  });

  it('passes an added field, uncommitted and committed', () => {
    edit(
      '  google.protobuf.Timestamp updated_at = 22;\n',
      '  google.protobuf.Timestamp updated_at = 22;\n  // Added.\n  string added = 23;\n',
    );
    expect(check()).toMatchObject({ ok: true, out: expect.stringContaining('uncommitted') });
    git('commit', '-q', '-am', 'additive');
    expect(check()).toMatchObject({ ok: true, out: expect.stringContaining('compatible') });
  });

  it('fails a renumbered field before it is committed, in the commit that makes it, and in later commits', () => {
    edit('string case_no = 3;', 'string case_no = 30;');
    const before = check();
    expect(before.ok).toBe(false);
    expect(before.out).toMatch(/case_no|Field "3"/);
    git('commit', '-q', '-am', 'renumber');
    expect(check().ok).toBe(false);
    writeFileSync(join(repo, 'README'), 'unrelated\n');
    git('add', 'README');
    git('commit', '-q', '-m', 'unrelated');
    expect(check().ok).toBe(false);
  });
});
