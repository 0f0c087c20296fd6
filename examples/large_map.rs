//! Writes a large map (the benchmarks' parts, without dialogues unless asked) to a file, to try
//! the real binary on it:
//! `cargo run --release --example large_map -- /tmp/large.ron [parts] [note-bytes]`.

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: large_map OUT.ron [parts=200] [note-bytes=4000]");
        std::process::exit(2);
    };
    let parts = args.next().and_then(|a| a.parse().ok()).unwrap_or(200);
    let notes = args.next().and_then(|a| a.parse().ok()).unwrap_or(4000);
    let map = tend::sample::large_map(parts, notes);
    let text = match tend::store::to_ron(&map) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("could not write the map as RON: {e}");
            std::process::exit(1);
        }
    };
    if let Err(e) = tend::store::write_atomic(std::path::Path::new(&path), text.as_bytes()) {
        eprintln!("{path}: {e}");
        std::process::exit(1);
    }
    println!("{path}: {parts} parts, {} bytes", text.len());
}
