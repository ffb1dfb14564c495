#![no_main]

#[allow(dead_code)]
#[path = "../sheet_harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let (ext, bytes) = harness::split_ext(data);
    harness::sheet_read(bytes, ext);
});
