<?php
// Generates the PHP known-answer fixtures ONCE (see README "Migrating from another platform").
// Run: php php-fixtures.php <path to WordPress's wp-includes/class-phpass.php>
// Output lines: format<TAB>label<TAB>password (base64 of UTF-8)<TAB>hash
require $argv[1];
$passwords = [
  'ascii' => 'correct horse battery staple',
  'accented' => 'Mot-de-passe-Été-àçü',
  'nfkc' => 'Soleil²-Año-1º',
  'long' => str_repeat('ü', 40) . '-tail-beyond-72-bytes', // 80 + 21 bytes: bcrypt sees 72
];
function out($format, $label, $password, $hash) {
  echo $format, "\t", $label, "\t", base64_encode($password), "\t", $hash, "\n";
}
echo "# tool: PHP ", PHP_VERSION, " (Debian php8.2-cli), libsodium ", SODIUM_LIBRARY_VERSION,
     ", WordPress ", '6.1.9', " class-phpass.php (Debian wordpress package)\n";
foreach ($passwords as $label => $pw) {
  // bcrypt, PHP's password_hash (Laravel, Symfony, Shopware, PrestaShop 1.7+)
  out('bcrypt-2y', $label, $pw, password_hash($pw, PASSWORD_BCRYPT, ['cost' => 10]));
  if ($label === 'long') { continue; }
  out('php-argon2i', $label, $pw, password_hash($pw, PASSWORD_ARGON2I));
  out('php-argon2id', $label, $pw, password_hash($pw, PASSWORD_ARGON2ID));
  // phpass portable, as WordPress < 6.8: new PasswordHash(8, true)
  $phpass = new PasswordHash(8, true);
  out('phpass-P', $label, $pw, $phpass->HashPassword($pw));
  // WordPress 6.8+ wp_hash_password: '$wp' . password_hash(base64(hmac-sha384(trim(pw), 'wp-sha384')), BCRYPT)
  $pre = base64_encode(hash_hmac('sha384', trim($pw), 'wp-sha384', true));
  out('wordpress-wp', $label, $pw, '$wp' . password_hash($pre, PASSWORD_BCRYPT));
  // Magento 2 Encryptor::getHash, versions 1 (sha256) and 3 (Argon2id13 "agnostic"), salt 32 chars
  $salt = substr(str_replace(['+', '/', '='], '', base64_encode(random_bytes(32))), 0, 32);
  out('magento-1', $label, $pw, hash('sha256', $salt . $pw) . ':' . $salt . ':1');
  $argonSalt = substr($salt, 0, SODIUM_CRYPTO_PWHASH_SALTBYTES);
  $argon = bin2hex(sodium_crypto_pwhash(SODIUM_CRYPTO_SIGN_SEEDBYTES, $pw, $argonSalt,
      SODIUM_CRYPTO_PWHASH_OPSLIMIT_INTERACTIVE, SODIUM_CRYPTO_PWHASH_MEMLIMIT_INTERACTIVE,
      SODIUM_CRYPTO_PWHASH_ALG_ARGON2ID13));
  out('magento-3', $label, $pw, $argon . ':' . $salt . ':3_' . SODIUM_CRYPTO_SIGN_SEEDBYTES . '_'
      . SODIUM_CRYPTO_PWHASH_OPSLIMIT_INTERACTIVE . '_' . SODIUM_CRYPTO_PWHASH_MEMLIMIT_INTERACTIVE);
  // Magento 2 upgraded hash (sha256, then re-hashed with Argon2id13 by upgradeCustomerPassword)
  $short = substr($salt, 0, 8); // a short salt is padded by repeating it
  $step1 = hash('sha256', $short . $pw);
  $argon2 = bin2hex(sodium_crypto_pwhash(SODIUM_CRYPTO_SIGN_SEEDBYTES, $step1,
      str_pad($short, SODIUM_CRYPTO_PWHASH_SALTBYTES, $short),
      SODIUM_CRYPTO_PWHASH_OPSLIMIT_INTERACTIVE, SODIUM_CRYPTO_PWHASH_MEMLIMIT_INTERACTIVE,
      SODIUM_CRYPTO_PWHASH_ALG_ARGON2ID13));
  out('magento-1-3', $label, $pw, $argon2 . ':' . $short . ':1:3_32_2_67108864');
}
