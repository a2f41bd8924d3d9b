/** R11: the alert wording in Turkish. Machine-assisted draft: needs review by a native speaker (TRANSLATIONS.md). */
import type { AlertWording } from './wording.ts';

export const tr: AlertWording = {
  sms: {
    deposit: 'OFPRA: alanınızda yeni mektup var:',
    reminder: 'OFPRA: mektubu 15 günlük süre bitmeden okuyun:',
    resetCode: 'OFPRA sıfırlama kodu: {code}. 15 dk geçerli. Kimseyle paylaşmayın.',
  },
  email: {
    subject: {
      deposit: 'OFPRA kişisel alanınızda yeni bir mektup sizi bekliyor',
      reminder: 'Hatırlatma: OFPRA kişisel alanınızda okunmamış bir mektup sizi bekliyor',
      resetCode: 'OFPRA şifre sıfırlama kodunuz',
    },
    greeting: 'Merhaba,',
    deposit: [
      'OFPRA çevrimiçi kişisel alanınıza yeni bir mektup bıraktı.',
      'Okumak için giriş yapın:',
    ],
    reminder: [
      'Kişisel alanınıza bırakılan bir OFPRA mektubu henüz açılmadı.',
      'Mektubu, bırakıldığı günden itibaren 15 gün içinde okuyun. Bu sürenin sonunda, açmamış olsanız bile size tebliğ edilmiş sayılır ve ona bağlı süreler (örneğin itiraz için) yine de işlemeye başlar.',
      'Okumak için giriş yapın:',
    ],
    resetCode: [
      'Kişisel alanınızın şifresini sıfırlama kodunuz: {code}',
      'Bu kod 15 dakika geçerlidir. Bu talebi siz yapmadıysanız bu mesajı dikkate almayın.',
      'Giriş sayfası:',
    ],
    noticeFooter:
      'Bu mesaj yalnızca bir bildirimdir: mektubun içeriğini içermez ve hiçbir hukuki etkisi yoktur. Giriş yapmak için yardıma ihtiyacınız varsa SPADA’nıza başvurun.',
    securityFooter: [
      'Şifrenizi, bağlantı anahtarınızı veya aldığınız bir kodu asla kimseyle paylaşmayın: OFPRA bunları sizden asla istemez.',
      'Bu otomatik bir mesajdır, lütfen yanıtlamayın.',
    ],
    frenchCopy: 'Fransızca sürüm',
  },
};
