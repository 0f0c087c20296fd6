//! A pseudo-terminal harness: runs the real `tend` binary in a pty of a chosen size, feeds
//! everything it prints into a `vt100` screen, and lets a test type keys and wait for text.
//!
//! ```ignore
//! mod common;
//! use common::pty::Tend;
//! let mut t = Tend::spawn(home.path(), &["--demo"], &[("NO_COLOR", "1")], 100, 30);
//! t.wait_for("The Critic", Duration::from_secs(5)).unwrap();
//! ```
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, PtySize, native_pty_system};

/// The path of the binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_tend");

/// How often `wait_*` look at the screen.
const POLL: Duration = Duration::from_millis(20);
/// How long `esc()` pauses so a lone Esc is not read as the start of an Alt-sequence.
const ESC_PAUSE: Duration = Duration::from_millis(60);
/// The cursor-position query crossterm may send, and the answer we give.
const CPR_QUERY: &[u8] = b"\x1b[6n";
const CPR_ANSWER: &[u8] = b"\x1b[1;1R";

/// `tend` run without a terminal (for `tend export`, `tend check`, `tend list`), with
/// `TEND_HOME` set to `home` and `NO_COLOR` removed.
pub fn tend_cmd(home: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(BIN);
    cmd.env("TEND_HOME", home).env_remove("NO_COLOR");
    cmd
}

/// What the reader thread shares with the test.
struct Shared {
    parser: Mutex<vt100::Parser>,
    raw: Mutex<Vec<u8>>,
    /// Set once the pty reached end of file (every copy of the slave side is closed).
    eof: AtomicBool,
}

/// A running `tend` in a pseudo-terminal.
pub struct Tend {
    child: Box<dyn Child + Send + Sync>,
    pid: Option<u32>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    shared: Arc<Shared>,
    reader: Option<JoinHandle<()>>,
    status: Option<ExitStatus>,
    // Kept so the pty stays open for as long as the test holds `Tend`.
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Tend {
    /// Starts `tend ARGS` in a `cols`×`rows` pty with `TEND_HOME=home`,
    /// `TERM=xterm-256color`, `NO_COLOR` unset, then the extra `env` pairs.
    pub fn spawn(home: &Path, args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Tend {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("opening a pty");
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(args);
        cmd.cwd(home);
        cmd.env_remove("NO_COLOR");
        cmd.env("TEND_HOME", home);
        cmd.env("TERM", "xterm-256color");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pty
            .slave
            .spawn_command(cmd)
            .expect("starting tend in the pty");
        // Our copy of the slave side must go, or the reader never sees end of file.
        drop(pty.slave);
        let pid = child.process_id();
        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        let writer: Arc<Mutex<Box<dyn Write + Send>>> =
            Arc::new(Mutex::new(pty.master.take_writer().expect("pty writer")));
        let shared = Arc::new(Shared {
            parser: Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)),
            raw: Mutex::new(Vec::new()),
            eof: AtomicBool::new(false),
        });
        let reader = {
            let shared = Arc::clone(&shared);
            let writer = Arc::clone(&writer);
            thread::Builder::new()
                .name("pty-reader".into())
                .spawn(move || {
                    let mut buf = [0u8; 8192];
                    // Where in `raw` the next search for a cursor query starts.
                    let mut scanned = 0usize;
                    loop {
                        let n = match reader.read(&mut buf) {
                            Ok(0) | Err(_) => break,
                            Ok(n) => n,
                        };
                        let chunk = &buf[..n];
                        shared.parser.lock().unwrap().process(chunk);
                        let queries = {
                            let mut raw = shared.raw.lock().unwrap();
                            raw.extend_from_slice(chunk);
                            let mut queries = 0;
                            while let Some(i) = find(&raw[scanned..], CPR_QUERY) {
                                queries += 1;
                                scanned += i + CPR_QUERY.len();
                            }
                            // A query split across reads is found next time round.
                            scanned = scanned.max(raw.len().saturating_sub(CPR_QUERY.len() - 1));
                            queries
                        };
                        if queries > 0 {
                            let mut w = writer.lock().unwrap();
                            for _ in 0..queries {
                                let _ = w.write_all(CPR_ANSWER);
                            }
                            let _ = w.flush();
                        }
                    }
                    shared.eof.store(true, Ordering::SeqCst);
                })
                .expect("starting the pty reader")
        };
        Tend {
            child,
            pid,
            writer,
            shared,
            reader: Some(reader),
            status: None,
            _master: pty.master,
        }
    }

    /// Writes `bytes` to the program as if typed.
    pub fn send(&mut self, bytes: &[u8]) {
        let mut w = self.writer.lock().unwrap();
        // The program may already be gone; the waits report that better than a panic here.
        let _ = w.write_all(bytes);
        let _ = w.flush();
    }

    /// Types `s` (UTF-8).
    pub fn type_text(&mut self, s: &str) {
        self.send(s.as_bytes());
    }

    /// Types each character of `s` as its own write, `gap` apart.
    pub fn type_slowly(&mut self, s: &str, gap: Duration) {
        let mut b = [0u8; 4];
        for c in s.chars() {
            self.send(c.encode_utf8(&mut b).as_bytes());
            thread::sleep(gap);
        }
    }

    pub fn enter(&mut self) {
        self.send(b"\r");
    }
    /// A lone Esc, then a short pause so the next key is not read as Alt+key.
    pub fn esc(&mut self) {
        self.send(b"\x1b");
        thread::sleep(ESC_PAUSE);
    }
    pub fn tab(&mut self) {
        self.send(b"\t");
    }
    pub fn backtab(&mut self) {
        self.send(b"\x1b[Z");
    }
    pub fn backspace(&mut self) {
        self.send(b"\x7f");
    }
    pub fn up(&mut self) {
        self.send(b"\x1b[A");
    }
    pub fn down(&mut self) {
        self.send(b"\x1b[B");
    }
    pub fn right(&mut self) {
        self.send(b"\x1b[C");
    }
    pub fn left(&mut self) {
        self.send(b"\x1b[D");
    }
    pub fn home(&mut self) {
        self.send(b"\x1b[H");
    }
    pub fn end(&mut self) {
        self.send(b"\x1b[F");
    }
    pub fn page_up(&mut self) {
        self.send(b"\x1b[5~");
    }
    pub fn page_down(&mut self) {
        self.send(b"\x1b[6~");
    }
    /// Ctrl + a letter (`ctrl('s')` sends 0x13).
    pub fn ctrl(&mut self, c: char) {
        let c = c.to_ascii_lowercase();
        assert!(c.is_ascii_lowercase(), "ctrl() takes a letter");
        self.send(&[c as u8 & 0x1f]);
    }
    /// `s` as one bracketed paste.
    pub fn paste(&mut self, s: &str) {
        let mut bytes = b"\x1b[200~".to_vec();
        bytes.extend_from_slice(s.as_bytes());
        bytes.extend_from_slice(b"\x1b[201~");
        self.send(&bytes);
    }

    /// Tells the program its window is now `cols`×`rows` (sends SIGWINCH) and resizes the
    /// screen the test reads.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.shared
            .parser
            .lock()
            .unwrap()
            .set_size(nz(rows), nz(cols));
        self._master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resizing the pty");
    }

    /// The screen as text, rows joined with '\n'.
    pub fn screen(&self) -> String {
        let parser = self.shared.parser.lock().unwrap();
        let screen = parser.screen();
        let (_, cols) = screen.size();
        screen.rows(0, cols.get()).collect::<Vec<_>>().join("\n")
    }

    /// Runs `f` on the current vt100 screen (for cursor, attributes, cells).
    pub fn with_screen<R>(&self, f: impl FnOnce(&vt100::Screen) -> R) -> R {
        f(self.shared.parser.lock().unwrap().screen())
    }

    /// Every byte the program has printed so far.
    pub fn raw(&self) -> Vec<u8> {
        self.shared.raw.lock().unwrap().clone()
    }

    /// Whether the pty has reached end of file (the program and its children are gone).
    pub fn output_closed(&self) -> bool {
        self.shared.eof.load(Ordering::SeqCst)
    }

    /// Waits until `needle` is on the screen.
    pub fn wait_for(&self, needle: &str, timeout: Duration) -> Result<(), String> {
        self.wait_until(&format!("{needle:?} on screen"), timeout, |s| {
            s.contains(needle)
        })
    }

    /// Waits until `needle` is no longer on the screen.
    pub fn wait_gone(&self, needle: &str, timeout: Duration) -> Result<(), String> {
        self.wait_until(&format!("{needle:?} gone from screen"), timeout, |s| {
            !s.contains(needle)
        })
    }

    /// Waits until `pred(screen text)` holds. The error names `what` and shows the screen.
    pub fn wait_until(
        &self,
        what: &str,
        timeout: Duration,
        mut pred: impl FnMut(&str) -> bool,
    ) -> Result<(), String> {
        let deadline = Instant::now() + timeout;
        loop {
            // Read the flag first: if output was already closed, the screen is final.
            let closed = self.output_closed();
            let screen = self.screen();
            if pred(&screen) {
                return Ok(());
            }
            let why = if closed {
                "the program's output closed"
            } else if Instant::now() >= deadline {
                "timed out"
            } else {
                thread::sleep(POLL);
                continue;
            };
            return Err(format!(
                "waiting for {what}: {why} after {:?}\n--- screen ---\n{screen}\n--------------",
                timeout
            ));
        }
    }

    /// Waits for the program to exit and its output to be read to the end; `None` if it
    /// did not exit in time.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + timeout;
        if self.status.is_none() {
            loop {
                match self.child.try_wait() {
                    Ok(Some(status)) => {
                        self.status = Some(status);
                        break;
                    }
                    Ok(None) if Instant::now() < deadline => thread::sleep(POLL),
                    _ => return None,
                }
            }
        }
        // Drain: the reader stops at end of file. Give it a moment even past the deadline.
        let drain_deadline = deadline.max(Instant::now() + Duration::from_secs(2));
        while !self.output_closed() && Instant::now() < drain_deadline {
            thread::sleep(Duration::from_millis(5));
        }
        if self.output_closed()
            && let Some(reader) = self.reader.take()
        {
            let _ = reader.join();
        }
        self.status.clone()
    }

    /// The child's process id.
    pub fn pid(&self) -> Option<u32> {
        self.pid
    }

    /// Sends `signal` (a name like "TERM", "HUP", "INT", or a number) with `kill(1)`.
    pub fn kill(&mut self, signal: &str) {
        let pid = self.pid.expect("the child's pid");
        let ok = std::process::Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(pid.to_string())
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        assert!(ok, "kill -{signal} {pid} failed");
    }
}

impl Drop for Tend {
    fn drop(&mut self) {
        if self.status.is_none() && matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// `n` as a non-zero size (0 becomes 1).
fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n.max(1)).unwrap()
}

/// The first index of `needle` in `hay`.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Every SGR sequence (`ESC [ params m`) in `bytes`, as its parameter text.
pub fn sgr_sequences(bytes: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] == 0x1b && bytes[i + 1] == b'[' {
            let start = i + 2;
            let mut j = start;
            // Parameter bytes 0x30–0x3F, intermediate 0x20–0x2F, then one final byte.
            while j < bytes.len() && (0x20..=0x3f).contains(&bytes[j]) {
                j += 1;
            }
            if j < bytes.len() && bytes[j] == b'm' {
                out.push(String::from_utf8_lossy(&bytes[start..j]).into_owned());
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

impl Tend {
    /// Whether the program is still running (it has not exited, and was not killed).
    pub fn is_running(&mut self) -> bool {
        if self.status.is_some() {
            return false;
        }
        match self.child.try_wait() {
            Ok(None) => true,
            Ok(Some(status)) => {
                self.status = Some(status);
                false
            }
            Err(_) => false,
        }
    }
}

/// Every file under `root` (recursively, hidden ones too; symlinks are listed, not followed).
pub fn files_under(root: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            match entry.file_type() {
                Ok(t) if t.is_dir() => stack.push(path),
                Ok(_) => out.push(path),
                Err(_) => {}
            }
        }
    }
    out.sort();
    out
}

/// What a command without a terminal printed, and how it ended.
pub struct Ran {
    pub status: std::process::ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `cmd` (stdin empty) and waits at most `timeout` for it; panics, after killing it,
/// if it takes longer (so a command that blocks fails the test instead of hanging it).
pub fn run_with_timeout(mut cmd: std::process::Command, timeout: Duration) -> Ran {
    use std::process::Stdio;
    let what = format!("{cmd:?}");
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("starting {what}: {e}"));
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let out_reader = thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let err_reader = thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err.read_to_end(&mut v);
        v
    });
    let deadline = Instant::now() + timeout;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() < deadline => thread::sleep(POLL),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("{what} did not finish within {timeout:?}");
            }
        }
    };
    Ran {
        status,
        stdout: String::from_utf8_lossy(&out_reader.join().unwrap_or_default()).into_owned(),
        stderr: String::from_utf8_lossy(&err_reader.join().unwrap_or_default()).into_owned(),
    }
}
