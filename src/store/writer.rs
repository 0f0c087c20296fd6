//! The background writer: the event loop hands it the newest map (and the words being
//! written, as a draft) and moves on; it writes within a moment, keeps the file as it was as
//! a backup first, checks what it wrote reads back the same before putting it in place,
//! keeps trying if the disk says no, and can be flushed on quit or signal.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::model::Map;

use super::crypt::Key;
use super::save::{to_ron, write_atomic_checked};

/// Quiet time after the last change before writing, so a burst of changes is one save.
const SETTLE: Duration = Duration::from_millis(150);
/// The longest a change waits, however busy the person is.
const MAX_WAIT: Duration = Duration::from_millis(600);
/// How long words being written wait before they are kept as a draft.
const DRAFT_SETTLE: Duration = Duration::from_millis(1000);
/// The longest words being written wait, however fast the person types.
const DRAFT_MAX_WAIT: Duration = Duration::from_millis(2000);
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

/// Where and how one map is written.
#[derive(Clone, Debug)]
pub struct Target {
    /// The map file.
    pub path: PathBuf,
    /// The folder of backups (`$TEND_HOME/backups`), if backups are kept.
    pub backups: Option<PathBuf>,
    /// The key, for an encrypted map.
    pub key: Option<Arc<Key>>,
}

impl Target {
    /// A plain map file with no backups (tests, tools).
    pub fn plain(path: PathBuf) -> Target {
        Target {
            path,
            backups: None,
            key: None,
        }
    }
}

/// The draft file of a map: hidden, beside it.
pub fn draft_path(map: &Path) -> PathBuf {
    super::beside(map, |name| format!(".{name}.draft"))
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
    /// The words being written: `Some(Some(text))` to keep, `Some(None)` to remove.
    draft: Option<Option<String>>,
    first_draft: Option<Instant>,
    last_draft: Option<Instant>,
    flush_now: bool,
    stop: bool,
}

struct Shared {
    target: Target,
    inner: Mutex<Inner>,
    wake: Condvar,
    done: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        // Every field of `Inner` is written in one step, so a poisoned lock is still usable.
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
    /// Starts a writer for a plain map file at `path`, with no backups.
    pub fn start(path: PathBuf) -> Writer {
        Writer::start_for(Target::plain(path))
    }

    /// Starts a writer for `target`.
    pub fn start_for(target: Target) -> Writer {
        let shared = Arc::new(Shared {
            target,
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

    /// Hands over the words being written (as the draft file's text), or `None` when there
    /// are none any more; kept within two seconds.
    pub fn draft(&self, text: Option<String>) {
        let mut inner = self.shared.lock();
        let now = Instant::now();
        inner.draft = Some(text);
        inner.first_draft.get_or_insert(now);
        inner.last_draft = Some(now);
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
    /// Writes any pending change and draft now, and waits for them (up to `timeout`).
    pub fn flush(&self, timeout: Duration) -> SaveState {
        let deadline = Instant::now() + timeout;
        let mut inner = self.shared.lock();
        let target = inner.requested;
        let attempts_before = inner.attempts;
        inner.flush_now = true;
        self.shared.wake.notify_all();
        while inner.written < target || inner.draft.is_some() {
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

/// When the next thing is due: the map's save, or the draft's.
fn due(inner: &Inner, now: Instant) -> Option<Instant> {
    let map = inner.pending.as_ref().map(|_| {
        let settle = inner.last_change.map_or(now, |t| t + SETTLE);
        let latest = inner.first_pending.map_or(now, |t| t + MAX_WAIT);
        settle.min(latest)
    });
    let draft = inner.draft.as_ref().map(|_| {
        let settle = inner.last_draft.map_or(now, |t| t + DRAFT_SETTLE);
        let latest = inner.first_draft.map_or(now, |t| t + DRAFT_MAX_WAIT);
        settle.min(latest)
    });
    match (map, draft) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn run(shared: &Shared) {
    loop {
        let mut inner = shared.lock();
        // Wait for something to write.
        while inner.pending.is_none() && inner.draft.is_none() && !inner.stop {
            inner = shared.wake.wait(inner).unwrap_or_else(|p| p.into_inner());
        }
        if inner.pending.is_none() && inner.draft.is_none() {
            return;
        }
        // Let a burst of changes settle, but not past the longest wait, and not on flush.
        loop {
            if inner.flush_now || inner.stop {
                break;
            }
            let now = Instant::now();
            let Some(at) = due(&inner, now) else {
                break;
            };
            if now >= at {
                break;
            }
            inner = shared
                .wake
                .wait_timeout(inner, at - now)
                .map(|(g, _)| g)
                .unwrap_or_else(|p| p.into_inner().0);
        }
        let now = Instant::now();
        let flushing = inner.flush_now || inner.stop;
        let map_due = inner.pending.is_some() && (flushing || due_map(&inner, now));
        let draft_due = inner.draft.is_some() && (flushing || due_draft(&inner, now));
        let map = if map_due { inner.pending.take() } else { None };
        let draft = if draft_due { inner.draft.take() } else { None };
        if map.is_some() {
            inner.first_pending = None;
        }
        if draft.is_some() {
            inner.first_draft = None;
        }
        let target = inner.requested;
        if inner.pending.is_none() && inner.draft.is_none() {
            inner.flush_now = false;
        }
        drop(inner);

        let draft_result = draft.map(|d| write_draft(&shared.target, d.as_deref()));
        let result = map.as_ref().map(|m| write_map(&shared.target, m));

        let mut inner = shared.lock();
        if let Some(result) = result {
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
                        inner.pending = map;
                        inner.first_pending = Some(Instant::now());
                    }
                }
            }
        }
        if let Some(Err(e)) = draft_result {
            inner.error.get_or_insert(e);
        }
        shared.done.notify_all();
        if inner.error.is_some() && inner.pending.is_some() {
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

fn due_map(inner: &Inner, now: Instant) -> bool {
    let settle = inner.last_change.map_or(now, |t| t + SETTLE);
    let latest = inner.first_pending.map_or(now, |t| t + MAX_WAIT);
    now >= settle.min(latest)
}

fn due_draft(inner: &Inner, now: Instant) -> bool {
    let settle = inner.last_draft.map_or(now, |t| t + DRAFT_SETTLE);
    let latest = inner.first_draft.map_or(now, |t| t + DRAFT_MAX_WAIT);
    now >= settle.min(latest)
}

/// Writes the map: the file as it was becomes a backup, then the new bytes are written to a
/// temporary file, read back and checked, and only then put in place.
fn write_map(target: &Target, map: &Map) -> Result<(), String> {
    let text = to_ron(map).map_err(|e| format!("could not turn the map into text: {e}"))?;
    let bytes = match &target.key {
        Some(key) => key.seal(text.as_bytes())?,
        None => text.into_bytes(),
    };
    if std::fs::read(&target.path).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    if let Some(backups) = &target.backups {
        super::backup::keep(backups, &target.path, jiff::Timestamp::now())
            .map_err(|e| format!("the backup could not be kept ({})", describe_io(&e)))?;
    }
    let check = |written: &[u8]| -> Result<(), String> {
        let plain = match &target.key {
            Some(key) => key.open(written).map_err(|e| e.to_string())?,
            None => written.to_vec(),
        };
        match super::parse_map(&plain) {
            Ok(back) if back == *map => Ok(()),
            _ => Err("what was written did not read back the same".into()),
        }
    };
    write_atomic_checked(&target.path, &bytes, check)
}

/// Keeps (or removes) the draft beside the map.
fn write_draft(target: &Target, text: Option<&str>) -> Result<(), String> {
    let path = draft_path(&target.path);
    match text {
        None => match std::fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(format!(
                "the draft could not be removed ({})",
                describe_io(&e)
            )),
        },
        Some(text) => {
            let bytes = match &target.key {
                Some(key) => key.seal(text.as_bytes())?,
                None => text.as_bytes().to_vec(),
            };
            super::write_atomic(&path, &bytes)
                .map_err(|e| format!("the draft could not be kept ({})", describe_io(&e)))
        }
    }
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
