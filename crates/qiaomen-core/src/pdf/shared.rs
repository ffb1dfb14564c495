//! Content shared by many pages, stored once.
//!
//! A page's [`Layer::Shared`](super::canvas::Layer) content is written by printpdf as a
//! marked-content section `/QMS BMC … EMC` at the start of the page's content stream. After
//! printpdf's serialisation, [`factor_out`] moves each distinct section into one form XObject
//! and replaces it on every page with `/QMTn Do`. A batch of 1,000 pre-filled forms then holds
//! the template's text and rules once instead of 1,000 times, which is what leaves room for a
//! QR code on every page within the 3 MB the batch may take (BENCHMARKS.md).
//!
//! A form XObject runs in its own graphics state: the page's own layer sets its line width and
//! font again (the canvas keeps one tracker per layer).

use crate::error::{Context, Error, Result};
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};
use std::collections::HashMap;

/// The marked-content tag of the shared section.
pub(crate) const TAG: &str = "QMS";

fn broken() -> Error {
    Error::internal("生成 PDF 失败（共用内容），请把这句话告诉软件维护人员。")
}

/// The page's content stream id, resources id and media box.
fn page_parts(doc: &Document, page: ObjectId) -> Result<(ObjectId, ObjectId, Object)> {
    let dict = doc.get_dictionary(page).context(broken)?;
    let contents = dict
        .get(b"Contents")
        .and_then(Object::as_reference)
        .context(broken)?;
    let resources = dict
        .get(b"Resources")
        .and_then(Object::as_reference)
        .context(broken)?;
    let media_box = dict.get(b"MediaBox").context(broken)?.clone();
    Ok((contents, resources, media_box))
}

/// Splits a content stream as lopdf encodes it (operations one per line) into the shared
/// section and the rest: `/QMS BMC` is its first line (the canvas writes the shared layer
/// first) and the section ends at the first `EMC` line. Glyphs are written as hex strings,
/// which never hold a line break, so a line `EMC` can only be the operator.
fn shared_section(data: &[u8]) -> Option<(&[u8], &[u8])> {
    let body = data.strip_prefix(format!("/{TAG} BMC\n").as_bytes())?;
    let mut from = 0;
    loop {
        let at = from + memchr::memmem::find(&body[from..], b"\nEMC")?;
        let after = &body[at + 4..];
        if after.is_empty() || after[0] == b'\n' {
            return Some((&body[..at], after));
        }
        from = at + 4;
    }
}

/// Moves every page's shared section into a form XObject (one per distinct content).
pub(crate) fn factor_out(doc: &mut Document) -> Result<()> {
    let pages: Vec<ObjectId> = doc.get_pages().values().copied().collect();
    let mut forms: HashMap<Vec<u8>, String> = HashMap::new();
    // Resources dictionaries whose XObject entry must name the forms.
    let mut resources_used: Vec<ObjectId> = Vec::new();
    let mut created: Vec<(String, ObjectId)> = Vec::new();
    for page in pages {
        let (contents, resources, media_box) = page_parts(doc, page)?;
        let stream = doc
            .get_object(contents)
            .and_then(Object::as_stream)
            .context(broken)?;
        let data = if stream.dict.has(b"Filter") {
            stream.decompressed_content().context(broken)?
        } else {
            stream.content.clone()
        };
        let Some((shared, rest)) = shared_section(&data) else {
            continue;
        };
        let (bytes, rest) = (shared.to_vec(), rest.to_vec());
        let name = match forms.get(&bytes) {
            Some(n) => n.clone(),
            None => {
                let fonts = doc
                    .get_dictionary(resources)
                    .and_then(|r| r.get(b"Font"))
                    .context(broken)?
                    .clone();
                let dict = Dictionary::from_iter(vec![
                    ("Type", Object::Name(b"XObject".to_vec())),
                    ("Subtype", Object::Name(b"Form".to_vec())),
                    ("BBox", media_box),
                    (
                        "Resources",
                        Object::Dictionary(Dictionary::from_iter(vec![("Font", fonts)])),
                    ),
                ]);
                let id = doc.add_object(Stream::new(dict, bytes.clone()));
                let name = format!("QMT{}", forms.len());
                created.push((name.clone(), id));
                forms.insert(bytes, name.clone());
                name
            }
        };
        let mut encoded = format!("/{name} Do").into_bytes();
        encoded.extend_from_slice(&rest);
        let stream = doc
            .get_object_mut(contents)
            .and_then(Object::as_stream_mut)
            .context(broken)?;
        stream.dict.remove(b"Filter");
        stream.set_content(encoded);
        if !resources_used.contains(&resources) {
            resources_used.push(resources);
        }
    }
    if created.is_empty() {
        return Ok(());
    }
    // printpdf gives every page a Resources dictionary whose XObject entry refers to one
    // dictionary shared by all pages: the forms are added there (or to a page's own).
    let mut xobject_dicts: Vec<ObjectId> = Vec::new();
    for r in resources_used {
        match doc
            .get_dictionary(r)
            .and_then(|d| d.get(b"XObject"))
            .and_then(Object::as_reference)
        {
            Ok(id) => {
                if !xobject_dicts.contains(&id) {
                    xobject_dicts.push(id);
                }
            }
            Err(_) => {
                let d = Dictionary::from_iter(
                    created
                        .iter()
                        .map(|(n, id)| (n.as_str(), Object::Reference(*id))),
                );
                let dict = doc
                    .get_object_mut(r)
                    .and_then(Object::as_dict_mut)
                    .context(broken)?;
                dict.set("XObject", Object::Dictionary(d));
            }
        }
    }
    for x in xobject_dicts {
        let dict = doc
            .get_object_mut(x)
            .and_then(Object::as_dict_mut)
            .context(broken)?;
        for (n, id) in &created {
            dict.set(n.as_str(), Object::Reference(*id));
        }
    }
    Ok(())
}
