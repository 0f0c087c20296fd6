//! The background writer: the event loop hands it the newest map and moves on; it writes
//! within a moment, keeps trying if the disk says no, and can be flushed on quit or signal.

use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::model::Map;

use super::save::{to_ron, write_atomic};

/// Quiet time after the last change before writing, so a burst of changes is one save.
const SETTLE: Duration = Duration::from_millis(150);
/// The longest a change waits, however busy the person is.
const MAX_WAIT: Duration = Duration::from_millis(600);
/// How long to wait before trying again after a failed save.
const RETRY: Duration = Duration::from_millis(1000);

/// Where the newest change stands, for the header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveState {
    /// Everything handed over is on disk.
    Saved,
    /// A change is waiting to be written.
    Pending,
    /// The last attempt failed; the writer keeps trying.
    Failed(String),
}

#[derive(Default)]
struct Inner {
    pending: Option<Arc<Map>>,
    first_pending: Option<Instant>,
    last_change: Option<Instant>,
    requested: u64,
    written: u64,
    attempts: u64,
    error: Option<String>,
    flush_now: bool,
    stop: bool,
}

struct Shared {
    path: PathBuf,
    inner: Mutex<Inner>,
    wake: Condvar,
    done: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic while holding the lock cannot leave `Inner` half-updated in a way that
        // matters (every field is written in one step), so a poisoned lock is still usable.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Saves one map file in the background. Dropping it flushes and stops the thread.
pub struct Writer {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

/// A cheap handle that can flush the writer from elsewhere (a signal thread).
#[derive(Clone)]
pub struct FlushHandle {
    shared: Arc<Shared>,
}

impl Writer {
    /// Starts a writer for the map file at `path`.
    pub fn start(path: PathBuf) -> Writer {
        let shared = Arc::new(Shared {
            path,
            inner: Mutex::new(Inner::default()),
            wake: Condvar::new(),
            done: Condvar::new(),
        });
        let worker = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("tend-writer".into())
            .spawn(move || run(&worker))
            .ok();
        Writer { shared, thread }
    }

    /// Hands over the newest map; it is written within a second.
    pub fn save(&self, map: Arc<Map>) {
        let mut inner = self.shared.lock();
        let now = Instant::now();
        inner.pending = Some(map);
        inner.first_pending.get_or_insert(now);
        inner.last_change = Some(now);
        inner.requested += 1;
        self.shared.wake.notify_all();
    }

    /// Where the newest change stands.
    pub fn state(&self) -> SaveState {
        state_of(&self.shared.lock())
    }

    /// A handle that can flush this writer from another thread.
    pub fn flush_handle(&self) -> FlushHandle {
        FlushHandle {
            shared: Arc::clone(&self.shared),
        }
    }

    /// Writes any pending change now and waits for it (up to `timeout`).
    pub fn flush(&self, timeout: Duration) -> SaveState {
        self.flush_handle().flush(timeout)
    }
}

impl FlushHandle {
    /// Writes any pending change now and waits for it (up to `timeout`).
    pub fn flush(&self, timeout: Duration) -> SaveState {
        let deadline = Instant::now() + timeout;
        let mut inner = self.shared.lock();
        let target = inner.requested;
        let attempts_before = inner.attempts;
        inner.flush_now = true;
        self.shared.wake.notify_all();
        while inner.written < target {
            let now = Instant::now();
            if now >= deadline {
                break;
            }
            let (guard, _) = self
                .shared
                .done
                .wait_timeout(inner, deadline - now)
                .unwrap_or_else(|p| p.into_inner());
            inner = guard;
            // A failure after our request: report it rather than wait out the clock.
            if inner.error.is_some() && inner.attempts > attempts_before {
                break;
            }
        }
        state_of(&inner)
    }
}

fn state_of(inner: &Inner) -> SaveState {
    if inner.written >= inner.requested {
        SaveState::Saved
    } else if let Some(e) = &inner.error {
        SaveState::Failed(e.clone())
    } else {
        SaveState::Pending
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        self.flush(Duration::from_secs(5));
        {
            let mut inner = self.shared.lock();
            inner.stop = true;
            self.shared.wake.notify_all();
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn run(shared: &Shared) {
    loop {
        let mut inner = shared.lock();
        // Wait for something to write.
        while inner.pending.is_none() && !inner.stop {
            inner = shared.wake.wait(inner).unwrap_or_else(|p| p.into_inner());
        }
        if inner.pending.is_none() {
            return;
        }
        // Let a burst of changes settle, but never past MAX_WAIT, and not at all on flush.
        loop {
            if inner.flush_now || inner.stop {
                break;
            }
            let now = Instant::now();
            let settle_at = inner.last_change.map_or(now, |t| t + SETTLE);
            let latest = inner.first_pending.map_or(now, |t| t + MAX_WAIT);
            let due = settle_at.min(latest);
            if now >= due {
                break;
            }
            inner = shared
                .wake
                .wait_timeout(inner, due - now)
                .map(|(g, _)| g)
                .unwrap_or_else(|p| p.into_inner().0);
        }
        let Some(map) = inner.pending.take() else {
            continue;
        };
        let target = inner.requested;
        inner.first_pending = None;
        inner.flush_now = false;
        drop(inner);

        let result = write_map(&shared.path, &map);

        let mut inner = shared.lock();
        inner.attempts += 1;
        match result {
            Ok(()) => {
                inner.written = inner.written.max(target);
                inner.error = None;
            }
            Err(e) => {
                inner.error = Some(e);
                // Keep the newest map to try again, unless a newer one arrived meanwhile.
                if inner.pending.is_none() {
                    inner.pending = Some(map);
                    inner.first_pending = Some(Instant::now());
                }
            }
        }
        shared.done.notify_all();
        if inner.error.is_some() {
            if inner.stop {
                return;
            }
            let _ = shared
                .wake
                .wait_timeout(inner, RETRY)
                .unwrap_or_else(|p| p.into_inner());
        }
    }
}

fn write_map(path: &std::path::Path, map: &Map) -> Result<(), String> {
    let text = to_ron(map).map_err(|e| format!("could not turn the map into text: {e}"))?;
    write_atomic(path, text.as_bytes()).map_err(|e| describe_io(&e))
}

/// An I/O error in plain words.
pub(crate) fn describe_io(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::PermissionDenied => "the folder does not let me write there".into(),
        K::NotFound => "the folder is gone".into(),
        K::StorageFull => "the disk is full".into(),
        K::ReadOnlyFilesystem => "the disk is read-only".into(),
        _ => e.to_string(),
    }
}
