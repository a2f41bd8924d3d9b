/** R11: the alert wording in French. */
import type { AlertWording } from './wording.ts';

export const fr: AlertWording = {
  sms: {
    deposit: 'OFPRA : un nouveau courrier vous attend dans votre espace personnel. Connectez-vous pour le lire :',
    reminder:
      'Rappel OFPRA : un courrier non lu vous attend. Lisez-le sous 15 jours après sa mise en ligne, sinon il sera considéré comme lu :',
    resetCode:
      'OFPRA : votre code de réinitialisation du mot de passe est {code}. Il est valable 15 minutes. Ne le communiquez à personne.',
  },
  email: {
    subject: {
      deposit: 'Un nouveau courrier vous attend dans votre espace personnel OFPRA',
      reminder: 'Rappel : un courrier non lu vous attend dans votre espace personnel OFPRA',
      resetCode: 'Votre code de réinitialisation du mot de passe OFPRA',
    },
    greeting: 'Bonjour,',
    deposit: [
      "Un nouveau courrier de l'OFPRA a été déposé dans votre espace personnel en ligne.",
      'Connectez-vous pour le lire :',
    ],
    reminder: [
      "Un courrier de l'OFPRA déposé dans votre espace personnel n'a pas encore été ouvert.",
      "Lisez-le dans les 15 jours qui suivent sa mise en ligne. Passé ce délai, il sera considéré comme notifié, même si vous ne l'avez pas ouvert, et les délais qui en dépendent (par exemple pour un recours) courront quand même.",
      'Connectez-vous pour le lire :',
    ],
    resetCode: [
      'Voici votre code pour réinitialiser le mot de passe de votre espace personnel : {code}',
      "Ce code est valable 15 minutes. Si vous n'avez pas fait cette demande, ignorez ce message.",
      'Page de connexion :',
    ],
    noticeFooter:
      "Ce message est un simple avis : il ne contient pas le courrier et n'a aucun effet juridique. Si vous avez besoin d'aide pour vous connecter, adressez-vous à votre SPADA.",
    securityFooter: [
      "Ne communiquez jamais votre mot de passe, votre clé de connexion ni un code reçu : l'OFPRA ne vous les demandera jamais.",
      'Message automatique, merci de ne pas y répondre.',
    ],
    frenchCopy: 'Version française',
  },
};
