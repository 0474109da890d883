//! The CLI as a child process whose output goes to files: the one harness for every test
//! that runs `feishu-review` as a process (`review`, `fake`, `proxy`).

use std::process::{Child, Command, ExitStatus, Output};
use std::sync::mpsc;

use super::DEADLINE;
use super::wait::wait_until;

/// The environment variables the CLI reads its connection from; a test's CLI gets none of the
/// machine's.
pub(crate) const CLI_ENV: [&str; 4] = [
    "FEISHU_BASE_URL",
    "FEISHU_APP_ID",
    "FEISHU_APP_SECRET",
    "FEISHU_TENANT_ACCESS_TOKEN",
];

/// `feishu-review ARGS`, without the connection variables ([`CLI_ENV`]) or the `RUST_LOG` of
/// the machine running the tests.
pub(crate) fn cli(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_feishu-review"));
    for var in CLI_ENV.into_iter().chain(["RUST_LOG"]) {
        command.env_remove(var);
    }
    command.args(args);
    command
}

/// A child process, killed if a test fails before it ends, and the files of its output.
///
/// Files rather than pipes: a child nobody reads from while a test waits on the journal
/// never blocks on a full pipe. The test reads them by path, through a file description of
/// its own: seeking the child's would move where the child writes next, over what it wrote.
pub(crate) struct Running {
    child: Option<Child>,
    out: tempfile::NamedTempFile,
    err: tempfile::NamedTempFile,
    /// Whole lines of stdout and of stderr already returned by `next_line`.
    seen: [usize; 2],
}

/// One of the child's output streams.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Stream {
    Stdout = 0,
    Stderr = 1,
}

impl Running {
    /// Spawns `command` with its stdout and stderr sent to files of their own.
    pub(crate) fn spawn(mut command: Command) -> Self {
        let out = tempfile::NamedTempFile::new().unwrap();
        let err = tempfile::NamedTempFile::new().unwrap();
        let child = command
            .stdout(out.reopen().unwrap())
            .stderr(err.reopen().unwrap())
            .spawn()
            .unwrap();
        Self {
            child: Some(child),
            out,
            err,
            seen: [0, 0],
        }
    }

    /// Spawns `feishu-review ARGS` (see [`cli`]).
    pub(crate) fn cli(args: &[&str]) -> Self {
        Self::spawn(cli(args))
    }

    /// The next whole line on `stream` (without its newline), waiting for it; fails the test,
    /// with the child's stderr, if the child ends first or past [`DEADLINE`].
    pub(crate) fn next_line(&mut self, stream: Stream) -> String {
        let index = self.seen[stream as usize];
        let mut line = None;
        wait_until(&format!("line {} on {stream:?}", index + 1), || {
            line = self.whole_lines(stream).into_iter().nth(index);
            if line.is_none()
                && let Some(status) = self.try_wait()
            {
                // Lines written just before the end are in the file by now.
                line = self.whole_lines(stream).into_iter().nth(index);
                assert!(
                    line.is_some(),
                    "feishu-review ended ({status}) before line {} on {stream:?}: {}",
                    index + 1,
                    self.stderr_so_far()
                );
            }
            line.is_some()
        });
        self.seen[stream as usize] += 1;
        line.expect("waited for")
    }

    /// The first stdout line of a server (`fake`, `proxy`): `listening on URL`; returns URL.
    pub(crate) fn listening_url(&mut self) -> String {
        let first = self.next_line(Stream::Stdout);
        let url = first
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("unexpected first line {first:?}"))
            .to_owned();
        assert!(url.starts_with("http://127.0.0.1:"), "{url}");
        url
    }

    /// The whole lines `stream` holds so far: a line still being written is left out.
    fn whole_lines(&self, stream: Stream) -> Vec<String> {
        let file = match stream {
            Stream::Stdout => &self.out,
            Stream::Stderr => &self.err,
        };
        let text = String::from_utf8_lossy(&read_all(file)).into_owned();
        let whole = text.rfind('\n').map_or("", |end| &text[..end]);
        if text.contains('\n') {
            whole.split('\n').map(str::to_owned).collect()
        } else {
            Vec::new()
        }
    }
    fn child(&mut self) -> &mut Child {
        self.child.as_mut().expect("the child is waited for once")
    }

    pub(crate) fn pid(&self) -> u32 {
        self.child.as_ref().unwrap().id()
    }

    /// How the process ended, if it has; never blocks.
    pub(crate) fn try_wait(&mut self) -> Option<ExitStatus> {
        self.child().try_wait().unwrap()
    }

    pub(crate) fn ended(&mut self) -> bool {
        self.try_wait().is_some()
    }

    /// Sends the signal `name` (`TERM`, `KILL`, …) with `kill(1)`: `Child::kill` only has
    /// SIGKILL.
    pub(crate) fn signal(&self, name: &str) {
        let status = Command::new("kill")
            .args([format!("-{name}"), self.pid().to_string()])
            .status()
            .unwrap();
        assert!(status.success(), "kill -{name}");
    }

    /// SIGKILL, and waits for the end so that nothing of the run goes on after.
    pub(crate) fn kill(&mut self) {
        let child = self.child();
        child.kill().unwrap();
        child.wait().unwrap();
    }

    /// What the process has printed on stdout so far.
    pub(crate) fn stdout_so_far(&mut self) -> String {
        String::from_utf8_lossy(&read_all(&self.out)).into_owned()
    }

    /// What the process has printed on stderr so far.
    pub(crate) fn stderr_so_far(&mut self) -> String {
        String::from_utf8_lossy(&read_all(&self.err)).into_owned()
    }

    /// Waits for the end, unbounded: see [`finish`] for a wait with a deadline.
    pub(crate) fn wait(mut self) -> Output {
        let status = self.child().wait().unwrap();
        self.child = None;
        self.output(status)
    }

    fn output(&mut self, status: ExitStatus) -> Output {
        Output {
            status,
            stdout: read_all(&self.out),
            stderr: read_all(&self.err),
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(child) = self.child.as_mut() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// All `file` holds so far.
fn read_all(file: &tempfile::NamedTempFile) -> Vec<u8> {
    std::fs::read(file.path()).unwrap()
}

/// Waits for the end of `running`; past [`DEADLINE`] it is killed and the test fails.
///
/// The wait blocks in a thread of its own rather than polling, so the test goes on the moment
/// the process ends.
pub(crate) fn finish(mut running: Running) -> Output {
    let mut child = running.child.take().expect("the child is waited for once");
    let pid = child.id();
    let (done, status) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(child.wait());
    });
    match status.recv_timeout(DEADLINE) {
        Ok(status) => running.output(status.unwrap()),
        Err(_) => {
            // The child is in the waiting thread, out of reach of `Running`'s drop.
            let _ = Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
            panic!("feishu-review still running after {DEADLINE:?}");
        }
    }
}

/// A finished process's stderr, as text.
pub(crate) fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
