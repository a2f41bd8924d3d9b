console.log('npm start: not yet available.');
