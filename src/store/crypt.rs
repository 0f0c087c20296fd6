//! Encryption at rest, in the age format. A map's key (an X25519 identity) is kept beside it
//! in `<map>.key`, itself encrypted with the person's passphrase (scrypt). The passphrase
//! unlocks the key once per open (about a second, by design); every save, backup and draft
//! is then encrypted to the key, which takes well under a millisecond. With the standard
//! tool: `age -d meadow.ron.key > key.txt` (the passphrase), then `age -d -i key.txt meadow.ron`.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use age::secrecy::{ExposeSecret, SecretString};

/// The first bytes of every age file.
pub const AGE_MAGIC: &[u8] = b"age-encryption.org/v1";

/// Whether `bytes` are an age file.
pub fn is_encrypted(bytes: &[u8]) -> bool {
    bytes.starts_with(AGE_MAGIC)
}

/// Where a map's key lives: beside it, `meadow.ron.key`.
pub fn key_path(map: &Path) -> PathBuf {
    super::beside(map, |name| format!("{name}.key"))
}

/// An unlocked map key.
pub struct Key {
    identity: age::x25519::Identity,
    recipient: age::x25519::Recipient,
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print the secret.
        write!(f, "Key({})", self.recipient)
    }
}

/// Why a key would not unlock, or bytes would not open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CryptError {
    /// The passphrase is not this key's.
    WrongPassphrase,
    /// The bytes are not what they should be (damaged, or another key's).
    Unreadable(String),
}

impl std::fmt::Display for CryptError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CryptError::WrongPassphrase => f.write_str("that passphrase doesn't open it"),
            CryptError::Unreadable(why) => write!(f, "it can't be decrypted ({why})"),
        }
    }
}

impl Key {
    /// A new key, and its file: the identity encrypted with `passphrase`.
    pub fn create(passphrase: &str) -> Result<(Key, Vec<u8>), String> {
        let identity = age::x25519::Identity::generate();
        let recipient = identity.to_public();
        let secret = identity.to_string();
        let encryptor =
            age::Encryptor::with_user_passphrase(SecretString::from(passphrase.to_owned()));
        let mut out = Vec::new();
        let mut writer = encryptor.wrap_output(&mut out).map_err(|e| e.to_string())?;
        writer
            .write_all(secret.expose_secret().as_bytes())
            .map_err(|e| e.to_string())?;
        writer.finish().map_err(|e| e.to_string())?;
        Ok((
            Key {
                identity,
                recipient,
            },
            out,
        ))
    }

    /// Unlocks a key file with a passphrase.
    pub fn unlock(key_file: &[u8], passphrase: &str) -> Result<Key, CryptError> {
        let identity = age::scrypt::Identity::new(SecretString::from(passphrase.to_owned()));
        let decryptor = age::Decryptor::new_buffered(key_file)
            .map_err(|e| CryptError::Unreadable(e.to_string()))?;
        let mut reader = decryptor
            .decrypt(std::iter::once(&identity as &dyn age::Identity))
            .map_err(|e| match e {
                age::DecryptError::DecryptionFailed | age::DecryptError::NoMatchingKeys => {
                    CryptError::WrongPassphrase
                }
                other => CryptError::Unreadable(other.to_string()),
            })?;
        let mut secret = String::new();
        reader
            .read_to_string(&mut secret)
            .map_err(|e| CryptError::Unreadable(e.to_string()))?;
        let identity: age::x25519::Identity = secret
            .trim()
            .parse()
            .map_err(|e: &str| CryptError::Unreadable(e.to_string()))?;
        let recipient = identity.to_public();
        Ok(Key {
            identity,
            recipient,
        })
    }

    /// `plaintext`, encrypted to this key.
    pub fn seal(&self, plaintext: &[u8]) -> Result<Vec<u8>, String> {
        age::encrypt(&self.recipient, plaintext).map_err(|e| e.to_string())
    }

    /// `ciphertext` opened with this key.
    pub fn open(&self, ciphertext: &[u8]) -> Result<Vec<u8>, CryptError> {
        age::decrypt(&self.identity, ciphertext).map_err(|e| CryptError::Unreadable(e.to_string()))
    }
}

/// The passphrase for scripts, from `TEND_PASSPHRASE`, if set.
pub fn passphrase_from_env() -> Option<String> {
    std::env::var("TEND_PASSPHRASE")
        .ok()
        .filter(|p| !p.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_unlocks_with_its_passphrase_only_and_seals_both_ways() {
        let (key, file) = Key::create("correct horse").expect("create");
        assert!(is_encrypted(&file));
        let sealed = key.seal(b"The Critic").expect("seal");
        assert!(is_encrypted(&sealed));
        assert!(!sealed.windows(10).any(|w| w == b"The Critic"));
        let again = Key::unlock(&file, "correct horse").expect("unlock");
        assert_eq!(again.open(&sealed).expect("open"), b"The Critic");
        assert_eq!(
            Key::unlock(&file, "wrong").map(|_| ()),
            Err(CryptError::WrongPassphrase)
        );
    }
}
