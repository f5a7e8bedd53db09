//! The devices that joined: read under a lock, changed through a guard that bumps a version,
//! so the list of people the window asks for every frame is worked out only after a change.

use super::{
    Arc, AtomicU64, HashMap, MAX_DEVICES, MutexGuard, Ordering, Person, Shared, TeamId, random_hex,
};

/// A joined device.
pub(super) struct Device {
    pub(super) name: Option<String>,
    pub(super) team: Option<TeamId>,
    /// Its live connections now.
    pub(super) streams: usize,
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

    pub(in crate::room) fn people(&self) -> Arc<[Person]> {
        let mut cache = self
            .people
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let devices = self.devices();
        let version = self.version.load(Ordering::Acquire);
        if let Some((seen, people)) = &*cache
            && *seen == version
        {
            return Arc::clone(people);
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
        let people: Arc<[Person]> = people.into();
        *cache = Some((version, Arc::clone(&people)));
        people
    }

    pub(in crate::room) fn remove(&self, name: &str, team: Option<TeamId>) {
        self.devices_mut().retain(|_, d| {
            !(d.team == team
                && d.name
                    .as_deref()
                    .is_some_and(|n| n.eq_ignore_ascii_case(name)))
        });
        self.device_changes.send_modify(|n| *n += 1);
        (self.wake)();
    }

    /// A new device, with its cookie's value; none when the room is full.
    pub(super) fn join(&self) -> Option<String> {
        let mut devices = self.devices_mut();
        if devices.len() >= MAX_DEVICES {
            return None;
        }
        let token = random_hex(16).ok()?;
        devices.insert(
            token.clone(),
            Device {
                name: None,
                team: None,
                streams: 0,
            },
        );
        Some(token)
    }
}
