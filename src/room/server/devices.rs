//! The devices that joined: read under a lock, changed through a guard that bumps a version,
//! so the list of people the window asks for every frame is worked out only after a change.

use super::{
    Arc, AtomicU64, HashMap, MAX_DEVICES, MutexGuard, Ordering, Person, Refusal, Shared, TeamId,
    random_hex,
};
use crate::edit::text::folded;
use crate::room::apply::charge;

/// Who is in the room, as the window shows it.
#[derive(Clone)]
pub(in crate::room) struct Roster {
    /// The devices that said who they are, by team then name.
    pub people: Arc<[Person]>,
    /// The devices that joined and have not said who they are yet.
    pub unnamed: usize,
}

/// A joined device.
pub(super) struct Device {
    pub(super) name: Option<String>,
    pub(super) team: Option<TeamId>,
    /// Its live connections now.
    pub(super) streams: usize,
    /// The client it joined from (the proxy's forwarded address, behind one).
    pub(super) address: std::net::IpAddr,
    pub(super) joined: std::time::Instant,
    /// The bytes what it sent added to the session file, as far as the room counts them.
    pub(super) spent: usize,
    /// The proposals it made, by the agreement's key: one phone's share of a team's.
    pub(super) proposed: HashMap<String, usize>,
}

/// The proposals one device makes for one agreement: a few, so one phone cannot use up its
/// team's share and leave its teammates none.
pub const MAX_DEVICE_PROPOSALS: usize = 3;

/// How long a device that joined may take to say who it is before its place is given up.
pub const HELLO_WITHIN: std::time::Duration = std::time::Duration::from_secs(120);
/// Devices at most from one client that joined and have not said who they are: a phone
/// that reloads joins again, a script that joins 300 times fills nothing.
pub const MAX_UNNAMED_PER_ADDRESS: usize = 10;

/// Why a device could not join.
pub(super) enum NotJoined {
    /// Every place is taken.
    Full,
    /// Its address holds too many devices that never said who they are.
    TooManyUnnamed,
}

/// The joined devices, to read.
pub(super) struct Devices<'a>(MutexGuard<'a, HashMap<String, Device>>);

impl std::ops::Deref for Devices<'_> {
    type Target = HashMap<String, Device>;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

/// The joined devices, to change: the list of people is worked out again after.
pub(super) struct DevicesMut<'a> {
    devices: MutexGuard<'a, HashMap<String, Device>>,
    version: &'a AtomicU64,
}

impl std::ops::Deref for DevicesMut<'_> {
    type Target = HashMap<String, Device>;

    fn deref(&self) -> &Self::Target {
        &self.devices
    }
}

impl std::ops::DerefMut for DevicesMut<'_> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.devices
    }
}

impl Drop for DevicesMut<'_> {
    fn drop(&mut self) {
        // Still under the lock: whoever reads the version next sees what it stands for.
        self.version.fetch_add(1, Ordering::Release);
    }
}

impl Shared {
    fn lock_devices(&self) -> MutexGuard<'_, HashMap<String, Device>> {
        // A handler that panicked while holding the lock leaves the map as it was: go on.
        self.devices
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub(super) fn devices(&self) -> Devices<'_> {
        Devices(self.lock_devices())
    }

    pub(super) fn devices_mut(&self) -> DevicesMut<'_> {
        DevicesMut {
            devices: self.lock_devices(),
            version: &self.version,
        }
    }

    /// Who joined and said who they are, and how many have not yet.
    pub(in crate::room) fn roster(&self) -> Roster {
        let mut cache = self
            .roster
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let devices = self.devices();
        let version = self.version.load(Ordering::Acquire);
        if let Some((seen, roster)) = &*cache
            && *seen == version
        {
            return roster.clone();
        }
        let mut people: Vec<Person> = devices
            .values()
            .filter_map(|d| {
                Some(Person {
                    name: d.name.clone()?,
                    team: d.team,
                    connected: d.streams > 0,
                })
            })
            .collect();
        people.sort_by_cached_key(|p| (p.team, p.name.to_lowercase()));
        let roster = Roster {
            unnamed: devices.len() - people.len(),
            people: people.into(),
        };
        *cache = Some((version, roster.clone()));
        roster
    }

    pub(in crate::room) fn remove(&self, name: &str, team: Option<TeamId>) {
        let name = folded(name);
        self.devices_mut().retain(|_, d| {
            !(d.team == team && d.name.as_deref().is_some_and(|n| folded(n) == name))
        });
        self.device_changes.send_modify(|n| *n += 1);
        (self.wake)();
    }

    /// Gives up the places of the devices that never said who they are; returns how many.
    pub(in crate::room) fn remove_unnamed(&self) -> usize {
        let mut devices = self.devices_mut();
        let before = devices.len();
        devices.retain(|_, d| d.name.is_some());
        let removed = before - devices.len();
        drop(devices);
        self.device_changes.send_modify(|n| *n += 1);
        (self.wake)();
        removed
    }

    /// Joins refused because the room was full, since it opened.
    pub(in crate::room) fn turned_away(&self) -> u64 {
        self.turned_away.load(Ordering::Relaxed)
    }

    /// Takes `cost` bytes from what the device with `token` and the room may still add to the
    /// session file.
    pub(super) fn charge(&self, token: &str, cost: usize) -> Result<(), Refusal> {
        // Not a change of who is in the room: the list of people stands.
        let mut devices = self.lock_devices();
        let device = devices
            .get_mut(token)
            .ok_or_else(|| Refusal::Invalid("you were removed from the room".to_owned()))?;
        let mut room = self
            .spent
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        charge(&mut room, &mut device.spent, cost)
    }

    /// Counts a proposal by the device with `token` for the agreement `key`, or refuses one
    /// past its share.
    pub(super) fn count_proposal(&self, token: &str, key: &str) -> Result<(), Refusal> {
        let mut devices = self.lock_devices();
        let device = devices
            .get_mut(token)
            .ok_or_else(|| Refusal::Invalid("you were removed from the room".to_owned()))?;
        let made = device.proposed.entry(key.to_owned()).or_insert(0);
        if *made >= MAX_DEVICE_PROPOSALS {
            return Err(Refusal::Invalid(format!(
                "this phone has made {MAX_DEVICE_PROPOSALS} proposals for it already; leave room for your teammates"
            )));
        }
        *made += 1;
        Ok(())
    }

    /// Takes back a proposal counted by [`Shared::count_proposal`] that was not kept.
    pub(super) fn uncount_proposal(&self, token: &str, key: &str) {
        if let Some(made) = self
            .lock_devices()
            .get_mut(token)
            .and_then(|device| device.proposed.get_mut(key))
        {
            *made = made.saturating_sub(1);
        }
    }

    /// Gives back `cost` bytes charged for something the session did not take.
    pub(super) fn refund(&self, token: &str, cost: usize) {
        let mut devices = self.lock_devices();
        if let Some(device) = devices.get_mut(token) {
            device.spent = device.spent.saturating_sub(cost);
        }
        let mut room = self
            .spent
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *room = room.saturating_sub(cost);
    }

    /// A new device joining from `address`, with its cookie's value; or why it cannot join.
    pub(super) fn join(&self, address: std::net::IpAddr) -> Result<String, NotJoined> {
        let mut devices = self.devices_mut();
        // Places held by devices that joined and never said who they are go back.
        let now = std::time::Instant::now();
        devices.retain(|_, d| {
            d.name.is_some() || d.streams > 0 || now.duration_since(d.joined) < HELLO_WITHIN
        });
        let counted = super::connections::counted(address);
        let unnamed = devices
            .values()
            .filter(|d| d.name.is_none() && d.address == address)
            .count();
        if counted && unnamed >= MAX_UNNAMED_PER_ADDRESS {
            return Err(NotJoined::TooManyUnnamed);
        }
        if devices.len() >= MAX_DEVICES {
            self.turned_away.fetch_add(1, Ordering::Relaxed);
            // The facilitator's window is told at once.
            (self.wake)();
            return Err(NotJoined::Full);
        }
        let token = random_hex(16).map_err(|_| NotJoined::Full)?;
        devices.insert(
            token.clone(),
            Device {
                name: None,
                team: None,
                streams: 0,
                address,
                joined: now,
                spent: 0,
                proposed: HashMap::new(),
            },
        );
        Ok(token)
    }
}
