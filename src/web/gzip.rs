//! gzip for whole page bodies, for the clients that accept it (every
//! browser does).
//!
//! Pages are rendered whole before they are sent, so they are compressed in
//! one call with a compressor kept per thread and reset between pages. A
//! fresh compressor per response (what a streaming compression layer does)
//! allocates and zeroes its window and hash tables each time: in profiles of
//! the timeline under load that was an eighth of the server's CPU, page
//! faults included. The fastest level: on these pages it gives about 80 %
//! of the default level's saving in a fraction of its time.

use flate2::{Compress, Compression, Crc, FlushCompress, Status};
use std::cell::RefCell;

thread_local! {
    /// Raw deflate (no zlib wrapper): the gzip header and trailer are
    /// written around it here.
    static DEFLATE: RefCell<Compress> = RefCell::new(Compress::new(Compression::fast(), false));
}

/// Smaller bodies go out as they are, here and in tower-http's layer: a
/// packet holds them whole, and gzip's header and trailer alone are 18
/// bytes.
pub const MIN_BYTES: usize = 1024;

/// The gzip member header: deflate, no flags, no time, fastest level, OS
/// unknown (RFC 1952, 2.3).
const HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 4, 0xff];

/// `body` as one gzip member; `None` if the compressor failed (the body is
/// then sent as it is).
pub fn gzip(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len() / 4 + 64);
    out.extend_from_slice(&HEADER);
    DEFLATE.with(|c| {
        let mut c = c.try_borrow_mut().ok()?;
        c.reset();
        loop {
            let read = usize::try_from(c.total_in()).ok()?;
            if out.capacity() - out.len() < 64 {
                out.reserve(out.len() / 2 + 64);
            }
            match c
                .compress_vec(body.get(read..)?, &mut out, FlushCompress::Finish)
                .ok()?
            {
                Status::StreamEnd => return Some(()),
                Status::Ok | Status::BufError => {}
            }
        }
    })?;
    let mut crc = Crc::new();
    crc.update(body);
    out.extend_from_slice(&crc.sum().to_le_bytes());
    // ISIZE: the length modulo 2^32.
    out.extend_from_slice(&(body.len() as u32).to_le_bytes());
    Some(out)
}

/// Whether an `Accept-Encoding` value accepts gzip: named with a non-zero
/// weight, or not named and `*` accepted.
pub fn accepts_gzip(accept_encoding: &str) -> bool {
    let mut star = false;
    for item in accept_encoding.split(',') {
        let mut parts = item.split(';');
        let name = parts.next().unwrap_or("").trim();
        let weight = parts
            .filter_map(|p| p.trim().strip_prefix("q=").or_else(|| p.trim().strip_prefix("Q=")))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        if name.eq_ignore_ascii_case("gzip") || name.eq_ignore_ascii_case("x-gzip") {
            return weight > 0.0;
        }
        if name == "*" {
            star = weight > 0.0;
        }
    }
    star
}

/// Whether a response of this media type is worth compressing: text, and
/// the JSON, XML, SVG and script types (not images, archives or fonts).
pub fn compressible(content_type: &str) -> bool {
    let ct = content_type.trim_start().to_ascii_lowercase();
    ct.starts_with("text/") || ct.contains("json") || ct.contains("xml") || ct.contains("javascript")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn gunzip(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut out)
            .expect("valid gzip");
        out
    }

    #[test]
    fn bodies_come_back_whole_through_a_reused_compressor() {
        // Text that compresses, bytes that do not, nothing, and a body
        // larger than the first guess of the output's size.
        let page = "<li class=\"event\">Ann Alpha &amp; Bob Beta</li>\n".repeat(2_000);
        let mut noise = Vec::new();
        let mut x: u32 = 1;
        for _ in 0..300_000 {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            noise.push(x as u8);
        }
        for body in [page.as_bytes(), &noise, b"", page.as_bytes()] {
            let packed = gzip(body).expect("compressed");
            assert_eq!(gunzip(&packed), body);
        }
        assert!(gzip(page.as_bytes()).expect("compressed").len() < page.len() / 10);
    }

    #[test]
    fn gzip_is_accepted_as_clients_say() {
        assert!(accepts_gzip("gzip, deflate, br"));
        assert!(accepts_gzip("br;q=1.0, GZIP;q=0.5"));
        assert!(accepts_gzip("*"));
        assert!(accepts_gzip("x-gzip"));
        assert!(!accepts_gzip("gzip;q=0"));
        assert!(!accepts_gzip("br, *;q=0"));
        assert!(!accepts_gzip("identity"));
        assert!(!accepts_gzip(""));
        assert!(!accepts_gzip("*, gzip;q=0"));
    }

    #[test]
    fn text_and_data_types_are_compressed_images_are_not() {
        assert!(compressible("text/html; charset=utf-8"));
        assert!(compressible("application/json"));
        assert!(compressible("application/atom+xml"));
        assert!(compressible("image/svg+xml"));
        assert!(!compressible("image/png"));
        assert!(!compressible("application/zip"));
    }
}
