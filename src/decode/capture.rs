//! Packet captures (pcap and pcapng, as tcpdump, Wireshark and dumpcap write them) read as
//! TCP segments: `pcap-parser` streams the file block by block (never the whole file in
//! memory), `etherparse` takes the link layer (Ethernet, Linux cooked capture v1 and v2, BSD
//! loopback, raw IP), IPv4 or IPv6 and TCP apart.
//!
//! A capture that ends in the middle of a packet (tcpdump killed) or is damaged somewhere
//! is read up to that point and the place reported; only a file that is no capture at all
//! is an error.

use std::io::Read;
use std::net::{IpAddr, SocketAddr};

use etherparse::{EtherType, NetSlice, SlicedPacket, TransportSlice};
use pcap_parser::traits::PcapNGPacketBlock;
use pcap_parser::{Block, Linktype, PcapBlockOwned, PcapError};
use serde::Serialize;

/// The reader's buffer at the start; it grows for larger blocks, up to [`MAX_BLOCK`].
const START_BUFFER: usize = 256 * 1024;
/// The largest block read. A packet is at most 256 KiB (tcpdump's snap length); anything
/// beyond this is damage, not a packet.
pub const MAX_BLOCK: usize = 16 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Pcap,
    Pcapng,
}

#[derive(Debug, thiserror::Error)]
pub enum CaptureError {
    #[error("not a pcap or pcapng capture")]
    NotACapture,
}

/// Where and why reading stopped before the end of the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Damage {
    /// Bytes of the file read without fault.
    pub offset: u64,
    /// `truncated` (the file ends inside a block), `too-large` (a block over 16 MiB) or
    /// `malformed`.
    pub kind: &'static str,
}

/// One packet: its time (microseconds since 1970) and the link-layer frame as captured.
pub struct Packet<'a> {
    pub ts_us: i64,
    pub linktype: Linktype,
    pub data: &'a [u8],
}

/// What reading the whole file found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReadEnd {
    pub format: Format,
    pub packets: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub damage: Option<Damage>,
}

struct Interface {
    linktype: Linktype,
    /// Time units per second.
    resolution: u64,
    /// Seconds added to every time.
    offset: i64,
}

fn micros(units: u64, resolution: u64, offset_s: i64) -> i64 {
    let us = if resolution == 0 {
        0
    } else {
        i128::from(units) * 1_000_000 / i128::from(resolution)
    };
    let us = us + i128::from(offset_s) * 1_000_000;
    i64::try_from(us).unwrap_or(if us < 0 { i64::MIN } else { i64::MAX })
}

/// Reads every packet of a pcap or pcapng stream and hands it to `each`, which returns
/// `false` to stop. Memory: one buffer (256 KiB, growing for a larger block up to 16 MiB).
pub fn read_packets<R: Read + Send>(
    input: R,
    mut each: impl FnMut(&Packet<'_>) -> bool,
) -> Result<ReadEnd, CaptureError> {
    let mut reader =
        pcap_parser::create_reader(START_BUFFER, input).map_err(|_| CaptureError::NotACapture)?;
    let mut capacity = START_BUFFER;
    let mut format = Format::Pcap;
    let mut legacy: Option<(Linktype, bool)> = None;
    let mut interfaces: Vec<Interface> = Vec::new();
    let mut last_ts = 0i64;
    let mut packets = 0u64;
    let mut damage = None;
    loop {
        let consumed = reader.consumed() as u64;
        match reader.next() {
            Ok((len, block)) => {
                let mut go_on = true;
                match block {
                    PcapBlockOwned::LegacyHeader(h) => {
                        legacy = Some((h.network, h.is_nanosecond_precision()));
                    }
                    PcapBlockOwned::Legacy(b) => {
                        let (linktype, nanos) = legacy.unwrap_or((Linktype::ETHERNET, false));
                        let sub = if nanos {
                            i64::from(b.ts_usec) / 1000
                        } else {
                            i64::from(b.ts_usec)
                        };
                        last_ts = i64::from(b.ts_sec) * 1_000_000 + sub;
                        let data = &b.data[..b.data.len().min(b.caplen as usize)];
                        packets += 1;
                        go_on = each(&Packet {
                            ts_us: last_ts,
                            linktype,
                            data,
                        });
                    }
                    PcapBlockOwned::NG(block) => {
                        format = Format::Pcapng;
                        match block {
                            Block::SectionHeader(_) => interfaces.clear(),
                            Block::InterfaceDescription(idb) => interfaces.push(Interface {
                                linktype: idb.linktype,
                                resolution: idb.ts_resolution().unwrap_or(1_000_000),
                                offset: idb.ts_offset(),
                            }),
                            Block::EnhancedPacket(epb) => {
                                if let Some(i) = interfaces.get(epb.if_id as usize) {
                                    let units =
                                        (u64::from(epb.ts_high) << 32) | u64::from(epb.ts_low);
                                    last_ts = micros(units, i.resolution, i.offset);
                                    packets += 1;
                                    go_on = each(&Packet {
                                        ts_us: last_ts,
                                        linktype: i.linktype,
                                        data: epb.packet_data(),
                                    });
                                }
                            }
                            Block::SimplePacket(spb) => {
                                if let Some(i) = interfaces.first() {
                                    packets += 1;
                                    go_on = each(&Packet {
                                        ts_us: last_ts,
                                        linktype: i.linktype,
                                        data: spb.packet_data(),
                                    });
                                }
                            }
                            _ => {}
                        }
                    }
                }
                reader.consume(len);
                if !go_on {
                    break;
                }
            }
            Err(PcapError::Eof) => break,
            Err(PcapError::Incomplete(_)) | Err(PcapError::BufferTooSmall) => {
                let before = reader.data().len();
                if reader.refill().is_err() {
                    damage = Some(Damage {
                        offset: consumed,
                        kind: "truncated",
                    });
                    break;
                }
                if reader.data().len() > before {
                    continue;
                }
                if reader.reader_exhausted() && reader.data().is_empty() {
                    break;
                }
                // Nothing new: the file ends inside a block, or the block is larger than
                // the buffer.
                if reader.reader_exhausted() || capacity >= MAX_BLOCK {
                    damage = Some(Damage {
                        offset: consumed,
                        kind: if reader.reader_exhausted() {
                            "truncated"
                        } else {
                            "too-large"
                        },
                    });
                    break;
                }
                capacity = (capacity * 2).min(MAX_BLOCK);
                reader.grow(capacity);
            }
            Err(PcapError::UnexpectedEof) => {
                damage = Some(Damage {
                    offset: consumed,
                    kind: "truncated",
                });
                break;
            }
            Err(_) => {
                damage = Some(Damage {
                    offset: consumed,
                    kind: "malformed",
                });
                break;
            }
        }
    }
    Ok(ReadEnd {
        format,
        packets,
        damage,
    })
}

/// A TCP segment: the two ends, the sequence number, the flags that matter and the payload.
#[derive(Debug, Clone, Copy)]
pub struct Segment<'a> {
    pub src: SocketAddr,
    pub dst: SocketAddr,
    pub seq: u32,
    /// The acknowledgement number (meaningful when `ack`).
    pub ack_no: u32,
    pub syn: bool,
    pub ack: bool,
    pub fin: bool,
    pub rst: bool,
    pub payload: &'a [u8],
}

/// The TCP segment in a link-layer frame, or `None` when the frame carries something else
/// (ARP, UDP, an IP fragment) or is cut short.
pub fn segment(linktype: Linktype, data: &[u8]) -> Option<Segment<'_>> {
    let sliced = match linktype.0 {
        1 => SlicedPacket::from_ethernet(data),
        113 => SlicedPacket::from_linux_sll(data),
        // Linux cooked capture v2: the protocol type first, a 20-byte header.
        276 => {
            let proto = u16::from_be_bytes([*data.first()?, *data.get(1)?]);
            SlicedPacket::from_ether_type(EtherType(proto), data.get(20..)?)
        }
        // BSD loopback: a 4-byte address family, then IP.
        0 | 108 => SlicedPacket::from_ip(data.get(4..)?),
        101 | 228 | 229 | 12 | 14 => SlicedPacket::from_ip(data),
        _ => return None,
    }
    .ok()?;
    let (src, dst): (IpAddr, IpAddr) = match sliced.net? {
        NetSlice::Ipv4(ip) => (
            ip.header().source_addr().into(),
            ip.header().destination_addr().into(),
        ),
        NetSlice::Ipv6(ip) => (
            ip.header().source_addr().into(),
            ip.header().destination_addr().into(),
        ),
        NetSlice::Arp(_) => return None,
    };
    let TransportSlice::Tcp(tcp) = sliced.transport? else {
        return None;
    };
    Some(Segment {
        src: SocketAddr::new(src, tcp.source_port()),
        dst: SocketAddr::new(dst, tcp.destination_port()),
        seq: tcp.sequence_number(),
        ack_no: tcp.acknowledgment_number(),
        syn: tcp.syn(),
        ack: tcp.ack(),
        fin: tcp.fin(),
        rst: tcp.rst(),
        payload: tcp.payload(),
    })
}
