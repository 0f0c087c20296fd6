//! The SVG export: a valid, standalone picture of the map that keeps private words out
//! unless asked, escapes every name, and is what `tend export --format svg` writes.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use jiff::Timestamp;
use tend::export::{Format, export, svg};
use tend::model::{
    BodySpot, Burden, BurdenOrigin, Feeling, Map, Need, Part, PartId, Region, Relation,
    RelationKind, Role, Side, TextField,
};

const SVG_NS: &str = "http://www.w3.org/2000/svg";

/// Every piece of text in the document, in order (text nodes, including `<title>`).
fn texts(doc: &roxmltree::Document) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .map(str::to_string)
        .collect()
}

fn parse(svg: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("not XML: {e}\n{svg}"))
}

fn assert_svg_root(doc: &roxmltree::Document) {
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.tag_name().namespace(), Some(SVG_NS));
    assert!(root.attribute("viewBox").is_some());
    assert!(root.attribute("width").is_some() && root.attribute("height").is_some());
}

fn part(id: u32, name: &str, role: Role) -> Part {
    let mut p = Part::new(PartId(id), name, Timestamp::UNIX_EPOCH);
    p.role = role;
    p
}

#[test]
fn the_demo_map_is_a_valid_svg_with_every_name_and_relation() {
    let map = tend::open::demo().expect("demo loads");
    let text = svg(&map, false);
    assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\""));
    let doc = parse(&text);
    assert_svg_root(&doc);
    let all = texts(&doc);
    for p in &map.parts {
        assert!(
            all.iter().any(|t| t == &p.name),
            "{} is not a text of its own",
            p.name
        );
    }
    let joined = all.join("\n");
    for word in ["protects", "polarized", "allied", "Self", "made with tend"] {
        assert!(joined.contains(word), "{word} missing");
    }
    // The title is the map's, and nothing reaches outside the file.
    let title = doc
        .root_element()
        .children()
        .find(|n| n.has_tag_name((SVG_NS, "title")))
        .and_then(|n| n.text());
    assert_eq!(title, Some("Robin (demo)"));
    assert!(
        doc.descendants()
            .all(|n| !n.has_tag_name((SVG_NS, "script")) && !n.has_tag_name((SVG_NS, "image")))
    );
    for node in doc.descendants() {
        for a in node.attributes() {
            assert!(
                !a.value().contains("http") || a.name() == "xmlns",
                "external reference: {}={}",
                a.name(),
                a.value()
            );
        }
    }
    // Shareable details are there; the demo's job and notes are not.
    assert!(joined.contains("anxious 7"));
    assert!(joined.contains("chest · centre · tight"));
    assert!(!joined.contains("points out every mistake"));
    assert!(!joined.contains("Loudest before meetings"));
}

/// A map where every free-text field, burden and relation note holds a marker of its own.
fn secret_map() -> (Map, Vec<String>) {
    let mut map = Map::new("Markers");
    let mut markers = Vec::new();
    for (id, role) in [(1, Role::Manager), (2, Role::Exile), (3, Role::Firefighter)] {
        let mut p = part(id, &format!("Part {id}"), role);
        for field in [
            TextField::FeltAge,
            TextField::Appearance,
            TextField::Job,
            TextField::PositiveIntent,
            TextField::Fears,
            TextField::Triggers,
            TextField::Notes,
        ] {
            let marker = format!("SECRET-{}-{id}", field.label().replace(' ', "_"));
            p.set_text(field, format!("words {marker} more words"));
            markers.push(marker);
        }
        for b in 0..2 {
            let marker = format!("SECRET-burden{b}-{id}");
            p.burdens.push(Burden {
                text: format!("{marker} a belief"),
                origin: BurdenOrigin::Legacy,
            });
            markers.push(marker);
        }
        // Some private, some not: without --include-private none of them show.
        p.private = if id == 1 {
            BTreeSet::new()
        } else {
            TextField::SHOWN.into_iter().collect()
        };
        p.feelings.push(Feeling {
            word: "tender".into(),
            intensity: 4,
        });
        p.needs.push(Need {
            word: "rest".into(),
            met: false,
        });
        p.body.push(BodySpot {
            region: Region::Belly,
            side: Side::Left,
            sensation: "fluttery".into(),
        });
        map.add_part(p);
    }
    for (i, (from, to, kind)) in [
        (1, 2, RelationKind::Protects),
        (3, 1, RelationKind::Polarized),
        (3, 2, RelationKind::Allied),
        (1, 3, RelationKind::Unsure),
    ]
    .into_iter()
    .enumerate()
    {
        let marker = format!("SECRET-relation-{i}");
        map.relations.push(Relation {
            from: PartId(from),
            to: PartId(to),
            kind,
            note: format!("{marker} between them"),
        });
        markers.push(marker);
    }
    (map, markers)
}

#[test]
fn private_words_stay_out_unless_asked_for() {
    let (map, markers) = secret_map();

    let shared = svg(&map, false);
    let doc = parse(&shared);
    assert_svg_root(&doc);
    for m in &markers {
        assert!(!shared.contains(m.as_str()), "{m} leaked into the handout");
    }
    let joined = texts(&doc).join("\n");
    for word in ["Part 1", "Part 2", "Part 3", "tender 4", "rest", "fluttery"] {
        assert!(joined.contains(word), "{word} missing");
    }

    let full = svg(&map, true);
    let doc = parse(&full);
    assert_svg_root(&doc);
    // Wrapping may split a line, never a marker: every marker is in one text node.
    let all = texts(&doc);
    for m in &markers {
        assert!(
            all.iter().any(|t| t.contains(m.as_str())),
            "{m} missing with include_private"
        );
    }
}

#[test]
fn markdown_and_json_do_not_change_with_the_flag() {
    let (map, _) = secret_map();
    for format in [Format::Markdown, Format::Json] {
        assert_eq!(
            export(&map, format, false),
            export(&map, format, true),
            "{format:?}"
        );
    }
    assert_eq!(
        export(&map, Format::Markdown, false),
        Ok(tend::export::markdown(&map))
    );
    assert_eq!(
        export(&map, Format::Svg, true),
        Ok(svg(&map, true)),
        "Format::Svg is the SVG"
    );
}

#[test]
fn names_with_markup_and_emoji_round_trip() {
    let names = [
        "<b>bold</b> & \"quoted\"",
        "Tom's 🦉 owl",
        "❤️ heart & soul",
        "a < b > c",
        "'single' \"double\"",
    ];
    let mut map = Map::new("Quotes & <tags> \"here\" 🦉");
    for (i, name) in names.iter().enumerate() {
        map.add_part(part(i as u32 + 1, name, Role::ALL[i % 4]));
    }
    map.relations.push(Relation {
        from: PartId(1),
        to: PartId(2),
        kind: RelationKind::Protects,
        note: "<script>alert('x')</script> & more".into(),
    });
    for include_private in [false, true] {
        let text = svg(&map, include_private);
        let doc = parse(&text);
        assert_svg_root(&doc);
        let all = texts(&doc);
        for name in names {
            assert!(all.iter().any(|t| t == name), "{name} did not round-trip");
        }
        assert!(all.iter().any(|t| t == "Quotes & <tags> \"here\" 🦉"));
        assert!(
            doc.descendants()
                .all(|n| !n.has_tag_name((SVG_NS, "script")) && !n.has_tag_name("script"))
        );
    }
}

#[test]
fn an_empty_map_is_just_self_and_a_kind_line() {
    let map = Map::new("");
    let text = svg(&map, false);
    let doc = parse(&text);
    assert_svg_root(&doc);
    let joined = texts(&doc).join("\n");
    assert!(joined.contains("Self"));
    assert!(joined.contains("No parts yet"));
}

#[test]
fn odd_maps_still_make_valid_svg() {
    // Relations to missing parts or to themselves, two parts in one place, control
    // characters and very long words.
    let mut map = Map::new("odd\u{1}\ttitle");
    let mut a = part(1, "x\u{0}y\nz", Role::Manager);
    a.position = Some(tend::model::Position { x: 3, y: 2 });
    let mut b = part(2, &"long".repeat(40), Role::Unsure);
    b.position = Some(tend::model::Position { x: 3, y: 2 });
    b.feelings.push(Feeling {
        word: "w".repeat(120),
        intensity: 10,
    });
    map.add_part(a);
    map.add_part(b);
    for (from, to) in [(1, 9), (1, 1), (1, 2), (2, 1)] {
        map.relations.push(Relation {
            from: PartId(from),
            to: PartId(to),
            kind: RelationKind::Polarized,
            note: String::new(),
        });
    }
    for include_private in [false, true] {
        let text = svg(&map, include_private);
        assert_svg_root(&parse(&text));
    }
}

fn tend(args: &[&str], home: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_tend"))
        .args(args)
        .env("TEND_HOME", home)
        .output()
        .expect("runs")
}

#[test]
fn tend_export_writes_svg_to_a_file_and_to_stdout() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("map.ron");
    let (map, markers) = secret_map();
    let ron = tend::store::to_ron(&map).expect("ron");
    tend::store::write_atomic(&file, ron.as_bytes()).expect("write");
    let file_arg = file.to_str().expect("utf8");

    let out_path = dir.path().join("map.svg");
    let out = tend(
        &[
            "export",
            file_arg,
            "--format",
            "svg",
            "-o",
            out_path.to_str().expect("utf8"),
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{out:?}");
    assert!(out.stdout.is_empty());
    let written = std::fs::read_to_string(&out_path).expect("written");
    assert_svg_root(&parse(&written));
    assert_eq!(written, svg(&map, false));
    assert!(markers.iter().all(|m| !written.contains(m.as_str())));

    let out = tend(&["export", file_arg, "--format", "svg"], dir.path());
    assert!(out.status.success(), "{out:?}");
    let printed = String::from_utf8(out.stdout).expect("utf8");
    assert_svg_root(&parse(&printed));
    assert_eq!(printed, written);

    let out = tend(
        &["export", file_arg, "--format", "svg", "--include-private"],
        dir.path(),
    );
    assert!(out.status.success(), "{out:?}");
    let private = String::from_utf8(out.stdout).expect("utf8");
    assert_svg_root(&parse(&private));
    assert!(markers.iter().all(|m| private.contains(m.as_str())));

    // The flag changes nothing for markdown.
    let plain = tend(&["export", file_arg], dir.path());
    let flagged = tend(&["export", file_arg, "--include-private"], dir.path());
    assert!(plain.status.success() && flagged.status.success());
    assert_eq!(plain.stdout, flagged.stdout);
}
