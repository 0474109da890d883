//! The CLI as a child process whose output goes to files.

use std::process::{Child, Command, ExitStatus, Output};
use std::sync::mpsc;

use super::DEADLINE;

/// A child process, killed if a test fails before it ends, and the files of its output.
///
/// Files rather than pipes: a child nobody reads from while a test waits on the journal
/// never blocks on a full pipe. The test reads them by path, through a file description of
/// its own: seeking the child's would move where the child writes next, over what it wrote.
pub(crate) struct Running {
    child: Option<Child>,
    out: tempfile::NamedTempFile,
    err: tempfile::NamedTempFile,
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
