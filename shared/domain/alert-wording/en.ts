/** R11: the alert wording in English. */
import type { AlertWording } from './wording.ts';

export const en: AlertWording = {
  sms: {
    deposit: 'OFPRA: a new letter is waiting for you in your personal space. Log in to read it:',
    reminder:
      'OFPRA reminder: an unread letter awaits you in your personal space. Read it within 15 days of posting, or it will count as read:',
    resetCode:
      'OFPRA: your password reset code is {code}. It is valid for 15 minutes. Do not share it with anyone.',
  },
  email: {
    subject: {
      deposit: 'A new letter is waiting in your OFPRA personal space',
      reminder: 'Reminder: an unread letter is waiting in your OFPRA personal space',
      resetCode: 'Your OFPRA password reset code',
    },
    greeting: 'Hello,',
    deposit: ['A new letter from OFPRA has been posted in your online personal space.', 'Log in to read it:'],
    reminder: [
      'A letter from OFPRA posted in your personal space has not been opened yet.',
      'Read it within 15 days of the day it was posted. After that, it will be considered notified even if you have not opened it, and the time limits that depend on it (for example to appeal) will run anyway.',
      'Log in to read it:',
    ],
    resetCode: [
      'Here is your code to reset the password of your personal space: {code}',
      'This code is valid for 15 minutes. If you did not ask for it, ignore this message.',
      'Log-in page:',
    ],
    noticeFooter:
      'This message is only a notice: it does not contain the letter and has no legal effect. If you need help to log in, ask your SPADA (reception platform for asylum seekers).',
    securityFooter: [
      'Never share your password, your connection key or a code you received: OFPRA will never ask you for them.',
      'This is an automatic message, please do not reply.',
    ],
    frenchCopy: 'French version',
  },
};
