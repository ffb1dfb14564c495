#![no_main]

#[allow(dead_code)]
#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let (ext, bytes) = harness::split_ext(data);
    harness::entry_import(bytes, ext);
});
